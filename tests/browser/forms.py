"""Fill a task's form in the browser the way a person would, from an answer object."""

from __future__ import annotations


def fill(page, answer: dict, prefix: str = "") -> None:
    for name, value in answer.items():
        path = f"{prefix}{name}"
        if isinstance(value, dict):
            fill(page, value, f"{path}.")
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            fieldset = page.locator(f'fieldset[data-list="{path}"]')
            for index, row in enumerate(value):
                if not fieldset.locator(f'[name^="{path}.{index}."]').count():    # a prefilled row is filled over
                    fieldset.locator(":scope > button.add-row").click()
                fill(page, row, f"{path}.{index}.")
        elif isinstance(value, list):
            for item in value:
                page.check(f'input[name="{path}"][value="{item}"]')
        elif isinstance(value, bool):
            page.check(f'input[name="{path}"][value="{"ja" if value else "nee"}"]')
        else:
            field = page.locator(f'[name="{path}"]').first
            tag = field.evaluate("e => e.tagName + ':' + (e.type || '') + (e.readOnly ? ':readonly' : '')")
            if tag.endswith(":readonly"):
                continue                     # ekd fills it in from the trajectory (the child record)
            if tag.startswith("SELECT"):
                field.select_option(str(value))
            elif tag == "INPUT:radio":
                page.check(f'input[name="{path}"][value="{value}"]')
            else:
                field.fill(str(value))


def complete(page, task_name: str, answer: dict) -> None:
    """From the inbox, open `task_name`, fill it in and complete it."""
    page.goto(f"{page.base}/taken")
    page.get_by_role("link", name=task_name, exact=True).first.click()
    page.wait_for_selector("form.task-form")
    fill(page, answer)
    page.get_by_role("button", name="Afronden").click()
    page.wait_for_url(f"{page.base}/taken")
    assert page.locator(".flash-success").count() == 1, page.content()[:2000]
