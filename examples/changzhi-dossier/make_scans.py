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

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont("wqy", str(FONT), subfontIndex=0))
    c = Canvas(str(SCANS / "work-summary.pdf"), pagesize=A4, initialFontName="wqy", invariant=1)
    for n, para in enumerate(["一、任职以来的主要工作", "二、取得的业绩与体会"], start=1):
        c.setFont("wqy", 18)
        c.drawCentredString(A4[0] / 2, A4[1] - 80, "专业技术工作总结" if n == 1 else "专业技术工作总结（续）")
        c.setFont("wqy", 12)
        c.drawString(72, A4[1] - 130, para)
        for i in range(20):
            c.drawString(72, A4[1] - 160 - i * 22, "本人自 2014 年起从事机械设计工作，负责减速器与生产线的设计和改造。"[: 20 + i % 14])
        c.showPage()
    c.save()


if __name__ == "__main__":
    main()
