"""Small layout pieces used on several pages."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import streamlit as st

from sv_analytics import charts, exports, fmt, indicators
from sv_analytics.tables import Table
from sv_analytics.texts import t
from sv_analytics.ui import filters, state


def demo_banner() -> None:
    """Shown on every page while any demo content is in the database."""
    if key := state.demo_banner():
        st.warning(t(key), icon=":material/warning:")


def headline_metrics(values: dict[str, int]) -> None:
    """One st.metric per headline indicator, its registry definition as help."""
    columns = st.columns(len(values))
    for column, (code, value) in zip(columns, values.items(), strict=True):
        indicator = indicators.get(code)
        column.metric(indicator.name, fmt.number(value), help=indicator.help_text())


def footer() -> None:
    st.caption(t("app.selection_note"))
    st.caption(t("app.footer", path=state.db_path().name, version=state.data_version()))


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _column_config(data: Table) -> dict[str, object]:
    """Header tooltips from the registry (or the column's own help) and link columns."""
    config: dict[str, object] = {}
    for column in data.columns:
        help_text = indicators.get(column.indicator).help_text() if column.indicator else column.help
        if column.kind == "link":
            config[column.label] = st.column_config.LinkColumn(help=help_text, display_text=column.link_text)
        elif help_text:
            config[column.label] = st.column_config.Column(help=help_text)
    return config


def export_context(title: str) -> exports.ExportContext:
    """The context an exported table carries: the run's filter choices, the data version, demo."""
    return exports.ExportContext(
        title=title,
        choices=tuple(filters.choices()),
        demo=state.demo_banner() is not None,
        data_version=state.data_version(),
    )


def table(data: Table, *, name: str, title: str, key: str, **dataframe_args: object) -> None:
    """A typed table on screen (formatted from its column specs) with CSV and XLSX downloads.

    The files are made only when clicked and hold typed numbers and dates; the XLSX records
    the filters chosen on this run, the data version and the indicator definitions.
    """
    if data.empty:
        st.info(t("common.empty"))
        return
    config = _column_config(data) | dict(dataframe_args.pop("column_config", {}) or {})
    st.dataframe(data.display(), hide_index=True, column_config=config, **({"width": "stretch"} | dataframe_args))
    context = export_context(title)
    left, right, _ = st.columns([1, 1, 4])
    left.download_button(
        t("common.download_csv"), data=lambda: exports.to_csv_bytes(data), file_name=f"{name}.csv",
        mime="text/csv", key=f"{key}_csv", on_click="ignore", icon=":material/download:",
    )  # fmt: skip
    right.download_button(
        t("common.download_xlsx"), data=lambda: exports.to_xlsx_bytes(data, context),
        file_name=f"{name}.xlsx", mime=XLSX_MIME, key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
    )  # fmt: skip


def chart(figure: alt.TopLevelMixin, *, name: str, key: str) -> None:
    """An Altair chart with a PNG download (rendered by vl-convert only when clicked).

    The spec goes to Streamlit as a dict made without schema validation: validating costs
    ~35 ms per chart on every rerun; tests/test_charts_valid.py validates every chart the
    pages draw instead.
    """
    st.vega_lite_chart(spec=figure.to_dict(validate=False), width="stretch")
    st.download_button(
        t("common.download_png"),
        data=lambda: charts.to_png(figure),
        file_name=f"{name}.png",
        mime="image/png",
        key=f"{key}_png",
        on_click="ignore",
        icon=":material/image:",
    )


def definitions(codes: Iterable[str]) -> None:
    """The registry definitions of the indicators on a page, one click away."""
    with st.expander(t("common.definitions")):
        for code in codes:
            st.markdown(indicators.get(code).help_text())
