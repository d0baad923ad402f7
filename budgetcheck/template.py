"""The seed template's sections, in one place: their titles and the role each plays.

A project text (部门预算重点领域财政项目文本) has eight numbered sections. Checks ask
for a section by its *role* ("budget", "plan", "unit", …), not by its title, so a
district's variant of the template (项目概述/立项依据/实施主体/实施方案/实施周期/
年度预算安排/绩效目标) is a profile in YAML that renames roles, not new code.
"""

from __future__ import annotations

PROJECT_TEXT_SECTIONS = (
    "项目名称",
    "立项依据",
    "项目实施单位",
    "项目基本概况",
    "项目实施内容",
    "资金安排情况",
    "项目实施计划",
    "项目实施成效",
)

# role → the seed template's section title for it
ROLES: dict[str, str] = {
    "name": "项目名称",  # the project's name, its first line
    "basis": "立项依据",
    "unit": "项目实施单位",  # the implementing body
    "overview": "项目基本概况",
    "content": "项目实施内容",
    "budget": "资金安排情况",  # states the budget and its line items
    "plan": "项目实施计划",  # the money planned over the year
    "results": "项目实施成效",
}
