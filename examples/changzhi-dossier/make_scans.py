"""Regenerate the invented scans of this sample: python examples/changzhi-dossier/make_scans.py

Every "scan" is made up: coloured paper, a heading and a few lines of text, in the sizes and
formats applicants really send (A4 JPEG at 150 dpi, a phone photo turned by EXIF, a PNG, a
two-page PDF, a small ID photo).
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
SCANS = HERE / "scans"
FONT = HERE.parent.parent / "titlecli" / "fonts" / "wqy-microhei.ttc"


def page(title, lines, size=(1240, 1754), paper=(250, 248, 240)):
    im = Image.new("RGB", size, paper)
    d = ImageDraw.Draw(im)
    big, small = ImageFont.truetype(str(FONT), 64), ImageFont.truetype(str(FONT), 34)
    d.rectangle([40, 40, size[0] - 40, size[1] - 40], outline=(150, 40, 40), width=6)
    d.text((size[0] // 2, 160), title, font=big, fill=(150, 20, 20), anchor="mm")
    for i, line in enumerate(lines):
        d.text((120, 300 + i * 70), line, font=small, fill=(30, 30, 30))
    d.text((size[0] - 120, size[1] - 140), "（样例，非真实证件）", font=small, fill=(120, 120, 120), anchor="rm")
    return im


def jpeg(name, im, **kw):
    im.save(SCANS / name, "JPEG", quality=45, optimize=True, dpi=(150, 150), **kw)


def main():
    SCANS.mkdir(exist_ok=True)
    jpeg("id-card.jpg", page("居民身份证（复印件）", ["姓名 张伟", "公民身份号码 140402199205153219", "住址 山西省长治市"], (1240, 900)))
    jpeg(
        "diploma.jpg",
        page(
            "毕业证书",
            [
                "学生 张伟 于 2010 年 9 月至 2014 年 7 月",
                "在本校机械设计制造及其自动化专业",
                "四年制本科学习，修完教学计划规定的全部课程，",
                "成绩合格，准予毕业。",
                "太原理工大学",
            ],
        ),
    )
    jpeg("degree.jpg", page("学士学位证书", ["张伟 完成了机械设计制造及其自动化专业", "本科学习计划，业已毕业，", "授予工学学士学位。"]))
    # A phone photo of the title certificate, stored landscape and turned upright by EXIF (6: rotate 90° clockwise).
    upright = page(
        "专业技术职务任职资格证书", ["姓名 张伟", "资格名称 助理工程师", "取得时间 2016 年 9 月 1 日", "长治市人力资源和社会保障局"]
    )
    exif = Image.Exif()
    exif[0x0112] = 6
    jpeg("title-certificate-phone.jpg", upright.transpose(Image.Transpose.ROTATE_90), exif=exif.tobytes())
    png = page(
        "继续教育证书", ["张伟 参加 2021 年度专业技术人员继续教育", "公需科目 24 学时，专业科目 48 学时，", "考核合格。"], (900, 640)
    ).convert("P", palette=Image.Palette.ADAPTIVE, colors=32)
    png.save(SCANS / "continuing-education.png", optimize=True)
    photo = Image.new("RGB", (390, 567), (200, 30, 40))
    d = ImageDraw.Draw(photo)
    d.ellipse([110, 90, 280, 290], fill=(240, 210, 190))
    d.rectangle([70, 330, 320, 567], fill=(40, 40, 60))
    photo.save(SCANS / "photo.jpg", "JPEG", quality=70, dpi=(300, 300))

    # the award the profile declares (awards:), matched to its row by name
    jpeg(
        "award.jpg",
        page(
            "荣誉证书",
            ["张伟 同志：", "你参与完成的“某生产线技术改造”项目", "荣获 2021 年度长治市科技进步奖二等奖。", "特发此证。"],
            (1754, 1240),
        ),
    )
    work_summary()


# The work summary, two pages of whole paragraphs (it used to repeat one sentence cut shorter
# and longer on every line, a staircase that looked like a rendering bug).
SUMMARY = [
    (
        "一、任职以来的主要工作",
        [
            "本人 2014 年 7 月毕业于太原理工大学机械设计制造及其自动化专业，同年进入长治市某机械制造有限公司，"
            "从事减速器及其生产线的机械设计工作。2016 年 9 月取得助理工程师资格，此后一直在设计岗位工作。",
            "任助理工程师以来，本人主要负责 ZQ 系列齿轮减速器的结构设计与改型：完成了三个型号的箱体与轴系设计，"
            "对齿轮副进行了强度校核和疲劳寿命计算，编制了设计计算书、图纸和工艺文件，参与了样机的装配与试验。",
            "2019 年起，本人参与公司减速器装配生产线的技术改造，负责工装夹具和输送线的设计，"
            "与工艺、设备部门一起确定改造方案，跟踪安装调试，解决了轴承压装不到位、箱体定位误差大等问题。",
        ],
    ),
    (
        "二、取得的业绩与体会",
        [
            "某生产线技术改造项目（本人主持，2020 年）经市工业和信息化局组织验收，装配效率提高约 30%，"
            "一次装配合格率由 96.2% 提高到 99.1%，项目获 2021 年度市科技进步奖二等奖。",
            "结合设计工作，本人在《机械工程与自动化》发表论文两篇：《某型减速器齿轮的疲劳寿命分析》（第一作者）"
            "和《数控机床主轴热变形补偿方法研究》（独著）。",
            "几年来的工作使我体会到，设计要从制造和使用出发，计算要有试验验证。今后我将继续学习新技术、新工艺，"
            "在减速器轻量化和装配自动化方面做出更多成绩。",
            "总结人：张伟　　2022 年 7 月",
        ],
    ),
]


def work_summary():
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    from titlecli.linebreak import wrap

    pdfmetrics.registerFont(TTFont("wqy", str(FONT), subfontIndex=0))
    c = Canvas(str(SCANS / "work-summary.pdf"), pagesize=A4, initialFontName="wqy", invariant=1)
    left, width, size = 72, A4[0] - 144, 12

    def char_w(ch):
        return pdfmetrics.stringWidth(ch, "wqy", 1000)

    for n, (heading, paragraphs) in enumerate(SUMMARY, start=1):
        c.setFont("wqy", 18)
        c.drawCentredString(A4[0] / 2, A4[1] - 80, "专业技术工作总结" if n == 1 else "专业技术工作总结（续）")
        c.setFont("wqy", 13)
        c.drawString(left, A4[1] - 130, heading)
        c.setFont("wqy", size)
        y = A4[1] - 160
        for para in paragraphs:
            # first line indented by two characters, as Chinese paragraphs are
            lines = wrap("　　" + para, width * 1000 / size, char_w)
            for line in lines:
                c.drawString(left, y, line)
                y -= size * 1.8
            y -= size * 0.6
        c.showPage()
    c.save()


if __name__ == "__main__":
    main()
