"""The rules of ``docgen check``, as one table: id, what it finds, how to fix it.

A rule's id is what a problem line names (``path:line: rule-id: message``) and what an
exception comment allows (``# docgen-check: allow rule-id — reason``). The wording
rules follow GB/T 15834-2011 (punctuation), GB/T 15835-2011 (numbers) and GB/T
9704-2012 (发文字号); the structure rules follow how a 工作要点 and its 进展情况 are read.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    id: str
    what: str  # what it finds, in Chinese and English
    fix: str  # how to fix it
    fixable: bool = False  # `docgen check --fix` rewrites it (where it is unambiguous)


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "unreadable",
            "无法读取的文件 / a file that is not readable YAML",
            "make it UTF-8 YAML; the message says where it stops",
        ),
        Rule(
            "invalid",
            "不符合内容模型 / content that does not load or does not match its sentence",
            "correct the field as the message says (docgen build reports the same)",
        ),
        Rule(
            "empty-section",
            "空标题：无正文、无下级 / a heading with nothing under it",
            "write its text (body:) or its subsections (sections:), or remove it",
        ),
        Rule(
            "typed-number",
            "手写序号 / a number docgen computes (一、（一）1.（1）一是), typed by hand",
            "delete it: docgen numbers headings and points; a new level is a sections: entry",
        ),
        Rule(
            "level-skipped",
            "跳级 / a level skipped: 1. or （1） typed straight under 一、",
            "add the missing level as sections: (一、 → （一） → 1. → （1）)",
        ),
        Rule(
            "task-without-units",
            "任务未写责任单位 / a task without 责任单位 where the others of its part name theirs",
            "add units: [...] to the paragraph",
        ),
        Rule(
            "order-incomplete",
            "命令缺令号、签发人或日期 / a 命令 in 命令格式 without its 令号, officer or date "
            "(GB/T 9704 §10.2, §7.3.5.3)",
            "add header.issue (第1号) and signature: {signer_title, signer, date}",
        ),
        Rule(
            "target-without-outcome",
            "目标无完成情况 / a target of the 工作要点 that the 进展情况 reports nothing for",
            "add an outcome (outcomes: - {target: ID, says: ...}) to the report's sentence",
        ),
        Rule(
            "half-width-punct",
            "中文里的半角标点 / half-width punctuation inside Chinese text (GB/T 15834)",
            "use the full-width mark: ，。；：？！（）“”; --fix rewrites , . ; : ? ! ( )",
            fixable=True,
        ),
        Rule(
            "mixed-quotes",
            "引号混用 / 「」 beside “” in one document",
            "use “” (and ‘’ inside them) throughout",
        ),
        Rule(
            "short-year",
            "年份简写 / a year shortened (16年, 〔16〕, ’16) (GB/T 15835)",
            "write the full year: 2016年",
        ),
        Rule(
            "range-hyphen",
            "范围用连字符 / a range written with - or ~ (GB/T 15834 连接号)",
            "write the range with ～ : 20%～30%, 2016～2020年",
        ),
        Rule(
            "docnum-di",
            "发文字号含“第” / 第 in a 发文字号 (GB/T 9704)",
            "drop 第: 教技厅〔2016〕1号",
        ),
        Rule(
            "docnum-brackets",
            "发文字号年份括号 / a 发文字号's year not in 六角括号 〔〕 (GB/T 9704)",
            "write the year in 〔〕: 〔2016〕",
        ),
        Rule(
            "docnum-zero",
            "发文字号序号前加零 / a leading zero in a 发文字号's number (GB/T 9704)",
            "drop the zero: 〔2016〕1号",
        ),
        Rule(
            "chinese-number",
            "统计数字用汉字 / a count, measure or year in Chinese numerals (GB/T 15835)",
            "write it in Arabic numerals: 12个, 80%, 2016年",
        ),
        Rule(
            "check-comment",
            "无效的例外注释 / an exception comment that is unreadable, unknown or unused",
            "write # docgen-check: allow RULE — reason, beside a line RULE finds something on",
        ),
    )
}


def describe() -> str:
    """The table as text, for ``docgen check --rules``."""
    width = max(map(len, RULES))
    lines = []
    for rule in RULES.values():
        mark = " (--fix)" if rule.fixable else ""
        lines.append(f"{rule.id:<{width}}  {rule.what}{mark}")
        lines.append(f"{'':<{width}}  → {rule.fix}")
    return "\n".join(lines)
