"""Write the sample roster (roster.xlsx, roster-gbk.csv) and invented scans for `titlecli batch`.

    python examples/batch/make_sample.py      # rewrites the files beside this script
    titlecli batch examples/batch/roster.xlsx --attachments examples/batch/attachments --as-of 2022-08-01 -o /tmp/out

Three applicants of Changzhi 2022 (shanxi-changzhi-2022); every person, number and scan is
invented.  张伟 takes two rows (a continuation row for his high-school diploma, second paper and
second certificate).  The attachment folders are named the three ways batch accepts (name, ID
number, name_ID); one file has a name that says nothing (filed as 其它), one is a .docx that
cannot be bound, and the folder 孙明 matches nobody: all three are reported in the summary.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

HERE = Path(__file__).resolve().parent

HEADERS = [
    "序号",
    "姓名",
    "身份证号",
    "手机号",
    "单位",
    "单位性质",
    "地区",
    "系列",
    "申报专业",
    "申报级别",
    "年度考核",
    "继续教育学时",
    "学历",
    "全日制",
    "毕业学校",
    "专业",
    "毕业时间",
    "学位",
    "学信网备案表编号",
    "备案表有效期至",
    "参加工作时间",
    "岗位",
    "现职称",
    "取得时间",
    "取得方式",
    "论文题目",
    "期刊",
    "发表时间",
    "作者排序",
    "字数",
    "业绩项目",
    "项目级别",
    "本人角色",
    "已验收",
    "项目年份",
    "证书类型",
    "证书名称",
    "证书取得时间",
    "计算机模块数",
]

ROWS = [
    {
        "序号": 1,
        "姓名": "张伟",
        "身份证号": "140402199205153219",
        "手机号": "13812345678",
        "单位": "长治市某机械制造有限公司",
        "单位性质": "企业",
        "地区": "shanxi-changzhi-2022",
        "系列": "工程",
        "申报专业": "机械设计",
        "申报级别": "中级",
        "年度考核": "2018:合格,2019:合格,2020:优秀,2021:合格",
        "继续教育学时": "2021:72/24",
        "学历": "本科",
        "全日制": "是",
        "毕业学校": "太原理工大学",
        "专业": "机械设计制造及其自动化",
        "毕业时间": "2014-07-01",
        "学位": "学士",
        "学信网备案表编号": "A123456789012345",
        "备案表有效期至": "2022-09-30",
        "参加工作时间": "2014-07-15",
        "岗位": "机械设计",
        "现职称": "助理工程师",
        "取得时间": "2016-09-01",
        "取得方式": "初定",
        "论文题目": "某型减速器齿轮的疲劳寿命分析",
        "期刊": "机械工程与自动化",
        "发表时间": "2020-06-01",
        "作者排序": "第一作者",
        "字数": 3200,
        "业绩项目": "某生产线技术改造",
        "项目级别": "市级",
        "本人角色": "主持",
        "已验收": "是",
        "项目年份": 2020,
        "证书类型": "计算机",
        "证书名称": "全国专业技术人员计算机应用能力考试",
        "证书取得时间": "2015-05-20",
        "计算机模块数": 3,
    },
    {
        "学历": "高中",
        "毕业学校": "长治市第二中学",
        "毕业时间": "2010-07-01",
        "学位": "无",
        "论文题目": "数控机床主轴热变形补偿方法研究",
        "期刊": "机械工程与自动化",
        "发表时间": "2021-03-01",
        "作者排序": "独著",
        "字数": 4100,
        "证书类型": "外语",
        "证书名称": "职称英语 B 级",
        "证书取得时间": "2016-04-10",
    },
    {
        "序号": 2,
        "姓名": "王芳",
        "身份证号": "140402199501010028",
        "手机号": "13912345678",
        "单位": "长治市某电力设备有限公司",
        "单位性质": "企业",
        "地区": "shanxi-changzhi-2022",
        "系列": "工程",
        "申报专业": "电气工程",
        "申报级别": "助理级",
        "年度考核": "2019:合格,2020:合格,2021:合格",
        "学历": "本科",
        "全日制": "是",
        "毕业学校": "山西大学",
        "专业": "电气工程及其自动化",
        "毕业时间": "2017-07-01",
        "学位": "学士",
        "参加工作时间": "2017-07-10",
        "岗位": "电气设计",
    },
    {
        "序号": 3,
        "姓名": "赵磊",
        "身份证号": "140402199006200035",
        "手机号": "13712345678",
        "单位": "长治市某化工有限公司",
        "单位性质": "企业",
        "地区": "shanxi-changzhi-2022",
        "系列": "工程",
        "申报专业": "化工工艺",
        "申报级别": "中级",
        "年度考核": "2020:合格,2021:合格",
        "学历": "大专",
        "全日制": "是",
        "毕业学校": "山西工程职业学院",
        "专业": "应用化工技术",
        "毕业时间": "2016-07-01",
        "学位": "无",
        "参加工作时间": "2016-08-01",
        "岗位": "工艺技术员",
        "现职称": "助理工程师",
        "取得时间": "2020-09-01",
        "取得方式": "评审",
    },
]

SCANS = {
    "张伟": [
        "身份证.jpg",
        "毕业证书.jpg",
        "学位证书.jpg",
        "学信网备案表.pdf",
        "照片.jpg",
        "社保缴费证明.jpg",
        "论文-减速器疲劳寿命.pdf",
        "扫描0001.jpg",
    ],
    "140402199501010028": ["身份证正反面.jpg", "毕业证.jpg", "照片.jpg", "劳动合同.pdf"],
    "赵磊_140402199006200035": ["身份证.jpg", "毕业证.jpg", "职称证书.jpg", "年度考核表.pdf", "个人简历.docx"],
    "孙明": ["身份证.jpg"],
}


def scan_jpeg(label: str) -> bytes:
    """A small invented 'scan': an A4-shaped grey page with a frame and a few text lines."""
    from PIL import Image, ImageDraw

    im = Image.new("L", (420, 594), 246)
    d = ImageDraw.Draw(im)
    d.rectangle((20, 20, 400, 574), outline=90, width=3)
    for i in range(12):
        d.line((50, 90 + 36 * i, 370 - (i % 3) * 40, 90 + 36 * i), fill=150, width=2)
    d.text((50, 40), label.encode("ascii", "replace").decode(), fill=30)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=55)
    return out.getvalue()


def scan_pdf(label: str) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    c.rect(60, 60, A4[0] - 120, A4[1] - 120)
    c.drawString(80, A4[1] - 100, "sample scan " + label.encode("ascii", "replace").decode())
    c.showPage()
    c.save()
    return out.getvalue()


def main() -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "花名册"
    ws.append(HEADERS)
    for r in ROWS:
        ws.append([r.get(h) for h in HEADERS])
    for row in ws.iter_rows(min_row=2):
        row[2].number_format = "@"
    import sys

    sys.path.insert(0, str(HERE.parent.parent))
    from titlecli.workbook import workbook_bytes

    (HERE / "roster.xlsx").write_bytes(workbook_bytes(wb))
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(HEADERS)
    for r in ROWS:
        w.writerow(["" if r.get(h) is None else r.get(h) for h in HEADERS])
    (HERE / "roster-gbk.csv").write_bytes(buf.getvalue().encode("gbk"))  # as Excel in China saves CSV
    for folder, names in SCANS.items():
        d = HERE / "attachments" / folder
        d.mkdir(parents=True, exist_ok=True)
        for n in names:
            p = d / n
            if n.endswith(".jpg"):
                p.write_bytes(scan_jpeg(n))
            elif n.endswith(".pdf"):
                p.write_bytes(scan_pdf(n))
            else:
                p.write_bytes(b"PK\x03\x04 not really a document")


if __name__ == "__main__":
    main()
