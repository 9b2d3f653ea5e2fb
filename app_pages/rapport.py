"""Rapport: a slide deck (PPTX) and a PDF report for the chosen kern, gemeente or the programme.

Layout only: the report is built by ``sv_analytics.report.build`` and drawn by
``sv_analytics.report.pptx``/``pdf``, cached per data version and scope (``ui/reports.py``).
The report's scope follows the shared filters: a chosen kern gives a kern report, "Alle
kernen" a report of the gemeente, no gemeente (for those who see every kern) the programme.
"""

from __future__ import annotations

import time

import streamlit as st

from sv_analytics import fmt, lookups, timeline, vocab
from sv_analytics.report import build, model, run
from sv_analytics.texts import t
from sv_analytics.ui import filters, reports, state, viewer


def contents(report: model.Report) -> str:
    """The report's table of contents as Markdown: sections and the titles of their figures."""
    lines = []
    for number, section in enumerate(report.sections, start=1):
        lines.append(f"{number}. **{section.title}**")
        lines += [f"    - {block.title}" for block in section.blocks if block.title]
    return "\n".join(lines)


scope = viewer.current().scope
gemeente = filters.gemeente_filter()
kern = filters.kern_filter(gemeente=gemeente, all_label=t("rapport.all_kernen"))
doelgroep = filters.doelgroep_filter()
moment = filters.bar().selectbox(
    t("rapport.moment"),
    list(timeline.REPORT_MOMENTS),
    index=list(timeline.REPORT_MOMENTS).index(timeline.DEFAULT_REPORT_MOMENT),
    format_func=lambda code: timeline.REPORT_MOMENTS[code].label,
    key="rapport_moment",
    bind="query-params",
    width=filters.WIDTH_CHOICE,
)
filters.note_choice(t("rapport.moment"), timeline.REPORT_MOMENTS[moment].label)

st.title(t("rapport.title"))
programme_text = t("rapport.intro_programme") if scope.is_all else ""
st.write(t("rapport.intro", all_kernen=t("rapport.all_kernen"), programme=programme_text))

kernen = state.run(lookups.kernen)
if kernen.empty:
    st.info(t("rapport.no_kernen"))
    st.stop()
# a projectleider may report on their own kern only (the builder refuses anything else), so
# "Alle kernen" — which is their kern alone — gives that kern's report too
kern = kern or scope.kern_id
if kern:
    request = build.Request("kern", kern, moment, doelgroep)
    row = kernen[kernen["kern_id"] == kern].iloc[0]
    about = t("rapport.scope_kern", kern=row["name"], gemeente=row["gemeente"])
elif gemeente or not scope.is_all:
    code = gemeente or str(kernen["gemeente_code"].iloc[0])
    request = build.Request("gemeente", code, moment, doelgroep)
    about = t(
        "rapport.scope_gemeente", gemeente=kernen.loc[kernen["gemeente_code"] == code, "gemeente"].iloc[0]
    )
else:
    request = build.Request("programma", None, moment, doelgroep)
    about = t("rapport.scope_programma")
chosen = timeline.REPORT_MOMENTS[moment]
period = fmt.period(chosen.period.start, chosen.period.end)
st.markdown(
    t("rapport.about", scope=about, moment=chosen.label, period=period, peildatum=fmt.day(chosen.peildatum))
)
if doelgroep:
    st.caption(f"{t('filter.doelgroep')}: {vocab.DOELGROEP[doelgroep]}")

progress = st.empty()
started = time.perf_counter()
progress.progress(0.05, text=t("rapport.step_model"))
report = reports.report(request)
progress.empty()


made_key = "rapport_made"
actions = st.container()
with st.expander(f"{t('rapport.contents')} — {t('rapport.figures', n=len(report.blocks()))}"):
    st.markdown(contents(report))
if actions.button(t("rapport.make"), type="primary", icon=":material/description:", key="rapport_make"):
    st.session_state[made_key] = request
if st.session_state.get(made_key) == request:
    bar = actions.progress(0.3, text=t("rapport.step_pdf"))
    pdf = reports.file(request, "pdf")
    bar.progress(0.65, text=t("rapport.step_pptx"))
    deck = reports.file(request, "pptx")
    bar.progress(1.0, text=t("rapport.ready", seconds=fmt.number(time.perf_counter() - started, 1)))
    row = actions.container(horizontal=True, gap="small")
    row.download_button(
        t("rapport.download_pptx"), data=deck, file_name=run.file_name(report, "pptx"), mime=run.MIME["pptx"],
        key="rapport_pptx", on_click="ignore", icon=":material/slideshow:",
    )  # fmt: skip
    row.download_button(
        t("rapport.download_pdf"), data=pdf, file_name=run.file_name(report, "pdf"), mime=run.MIME["pdf"],
        key="rapport_pdf", on_click="ignore", icon=":material/picture_as_pdf:",
    )  # fmt: skip
st.caption(t("rapport.protected"))
st.caption(t("rapport.cli"))
