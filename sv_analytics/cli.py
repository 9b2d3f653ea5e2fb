"""Command line: ``python -m sv_analytics <subcommand> …``.

Exit codes: 0 success; 2 bad input (a Dutch message on stderr); 1 an unexpected error.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from sv_analytics import __version__, config, db, demo, fmt, registry, users
from sv_analytics.access import Viewer
from sv_analytics.errors import UserError, ValidationError
from sv_analytics.ingest import cells, public, revisions, router, template, workbook
from sv_analytics.timeline import MONITORING

EXIT_OK, EXIT_UNEXPECTED, EXIT_BAD_INPUT = 0, 1, 2


class DutchArgumentParser(argparse.ArgumentParser):
    """argparse with a Dutch error line; exits 2 on bad arguments like argparse does."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"Fout: ongeldige invoer ({message}). Zie --help.\n")


def seed_value(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"seed moet een geheel getal zijn, niet {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("seed moet 0 of groter zijn")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = DutchArgumentParser(
        prog="python -m sv_analytics",
        description="Sociaal Vitaal Monitor: database aanmaken, demogegevens bouwen, informatie tonen.",
    )
    parser.add_argument("--version", action="version", version=f"sv-analytics {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=DutchArgumentParser)
    sub.required = True

    p = sub.add_parser("demo", help="bouw een database met fictieve demogegevens")
    p.add_argument("--db", required=True, type=Path, help="pad van het nieuwe DuckDB-bestand")
    p.add_argument(
        "--seed",
        type=seed_value,
        default=demo.DEFAULT_SEED,
        help=f"startwaarde van de generator (standaard {demo.DEFAULT_SEED})",
    )
    p.add_argument("--force", action="store_true", help="vervang een bestaand bestand")
    p.add_argument(
        "--reference",
        type=Path,
        default=None,
        help="map met echte CBS/RIVM/PDOK-bestanden voor de contextcijfers (standaard: SV_REFERENCE_DIR)",
    )
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("init", help="maak een lege database met het kernregister (geen demo)")
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("template", help="maak een monitoringwerkboek (Excel) voor een kern")
    p.add_argument("--kern", required=True, help="kern-id uit het kernregister, bijv. bathmen")
    p.add_argument("--out", required=True, type=Path, help="pad van het nieuwe .xlsx-bestand")
    p.add_argument("--db", type=Path, default=None, help="database (standaard: SV_DB_PATH of de demo)")
    p.add_argument(
        "--met-gegevens",
        action="store_true",
        dest="with_data",
        help="vul het werkboek met de huidige gegevens van de kern",
    )
    p.add_argument("--van", type=month_value, default=MONITORING.start, help="eerste maand, bijv. 2017-01")
    p.add_argument("--tot", type=month_value, default=MONITORING.end, help="laatste maand, bijv. 2018-12")
    p.set_defaults(handler=cmd_template)

    p = sub.add_parser(
        "import", help="lees een monitoringwerkboek of een CBS/RIVM/PDOK-bestand in (alles of niets)"
    )
    p.add_argument(
        "file", type=Path, help="het .xlsx-werkboek, of een publiek bestand (csv, xlsx, geojson, topojson)"
    )
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    p.add_argument("--kern", default=None, help="controleer dat het werkboek van deze kern is")
    p.add_argument("--json", action="store_true", help="resultaat en problemen als JSON")
    p.add_argument(
        "--controleer",
        action="store_true",
        dest="dry_run",
        help="werkboek: alleen controleren en tonen wat er zou veranderen; niets opslaan",
    )
    p.add_argument(
        "--jaar",
        type=int,
        default=None,
        help="publiek bestand zonder jaartal (bijv. CBS per postcode): het peiljaar",
    )
    p.add_argument(
        "--alles-vervangen",
        metavar="KERNNAAM",
        dest="replace_all",
        default=None,
        help="werkboek: vervang ALLE gegevens van de kern door die van het werkboek; "
        "typ ter bevestiging de naam van de kern, bijv. --alles-vervangen Bathmen",
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("revisions", help="toon de revisies (imports en ongedaan gemaakte imports)")
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    p.add_argument("--kern", default=None, help="alleen de revisies van deze kern")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(handler=cmd_revisions)

    p = sub.add_parser("undo", help="maak een revisie ongedaan: de kern wordt weer zoals daarvoor")
    p.add_argument("revision", nargs="?", type=int, help="revisienummer (zie 'revisions')")
    p.add_argument("--kern", default=None, help="zonder revisienummer: de laatste revisie van deze kern")
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    p.set_defaults(handler=cmd_undo)

    p = sub.add_parser(
        "fetch-public", help="download CBS/RIVM/PDOK-tabellen van een jaar en lees ze in (online)"
    )
    p.add_argument("--year", "--jaar", type=int, required=True, dest="year", help="peiljaar, bijv. 2017")
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    p.add_argument(
        "--dest", type=Path, default=None, help="map om de downloads te bewaren (standaard tijdelijk)"
    )
    p.set_defaults(handler=cmd_fetch_public)

    p = sub.add_parser("info", help="toon schemaversie, gegevensversie, datasets en aantallen rijen")
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(handler=cmd_info)

    add_users_parser(sub)
    add_report_parser(sub)
    return parser


def add_report_parser(sub: argparse._SubParsersAction) -> None:
    """``report``: a slide deck (PPTX) or PDF report for a kern, a gemeente or the programme."""
    from sv_analytics import timeline, vocab

    p = sub.add_parser(
        "report",
        help="maak een presentatie (PPTX) of rapport (PDF) voor een kern, gemeente of het programma",
    )
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--kern", help="kern-id of naam, bijv. bathmen of Bathmen")
    which.add_argument("--gemeente", help="gemeentecode of naam, bijv. GM0150 of Deventer")
    which.add_argument("--programma", action="store_true", help="het hele programma (alle kernen)")
    which.add_argument(
        "--alle",
        action="store_true",
        help="alle kernen, alle gemeenten en het programma tegelijk (--out is dan een map)",
    )
    p.add_argument(
        "--moment",
        choices=list(timeline.REPORT_MOMENTS),
        default=timeline.DEFAULT_REPORT_MOMENT,
        help="rapportagemoment (standaard %(default)s): "
        + ", ".join(f"{m.code} = {m.label}" for m in timeline.REPORT_MOMENTS.values()),
    )
    p.add_argument(
        "--format",
        dest="formats",
        action="append",
        choices=["pdf", "pptx"],
        help="pdf of pptx; herhaal voor beide (standaard: het achtervoegsel van --out, bij --alle beide)",
    )
    p.add_argument("--doelgroep", choices=list(vocab.DOELGROEP), default=None, help="alleen deze doelgroep")
    p.add_argument("--out", required=True, type=Path, help="pad van het bestand (bij --alle: een map)")
    p.add_argument(
        "--tijdstip",
        type=time_value,
        default=None,
        help="tijdstip op het rapport, bijv. 2018-12-31T12:00 (standaard nu; "
        "met hetzelfde tijdstip en dezelfde gegevens is het bestand byte voor byte gelijk)",
    )
    p.add_argument("--processen", type=int, default=None, help="aantal werkprocessen voor --alle")
    p.set_defaults(handler=cmd_report)


#: Who the CLI's writes are recorded as (app_user.created_by, import log).
CLI_USER = db.CLI_USER


def add_users_parser(sub: argparse._SubParsersAction) -> None:
    """``users add|list|change|remove``: who may log in, with which role and scope."""
    users_parser = sub.add_parser(
        "users",
        help="beheer wie mag inloggen: toevoegen, tonen, wijzigen, verwijderen",
        description=(
            "Wie mag inloggen en wat die persoon ziet. Een gebruiker is de uitgever (issuer) en het "
            "subject van de inlogdienst (te zien op de pagina 'Nog geen toegang'). Rollen: beheerder "
            "en evaluator (alle kernen), gemeente (--gemeente), projectleider (--kern). Schrijven kan "
            "niet terwijl de app de database open heeft; gebruik dan de pagina Gebruikers."
        ),
    )
    actions = users_parser.add_subparsers(
        dest="users_command", metavar="actie", parser_class=DutchArgumentParser
    )
    actions.required = True

    def identity(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
        p.add_argument(
            "--issuer", "--uitgever", required=True, dest="issuer", help="uitgever (iss) van de inlogdienst"
        )
        p.add_argument("--subject", required=True, help="subject (sub) van de gebruiker bij die inlogdienst")

    def details(p: argparse.ArgumentParser, *, required_role: bool) -> None:
        p.add_argument(
            "--rol",
            "--role",
            dest="role",
            required=required_role,
            help="beheerder, evaluator, gemeente of projectleider",
        )
        p.add_argument(
            "--gemeente", default=None, help="bij rol gemeente: CBS-code (GM0150) of naam (Deventer)"
        )
        p.add_argument("--kern", default=None, help="bij rol projectleider: kern-id, bijv. bathmen")
        p.add_argument("--email", default=None, help="e-mailadres, ter herkenning (niet als identiteit)")
        p.add_argument("--naam", "--name", dest="name", default=None, help="naam, ter herkenning")

    p = actions.add_parser("add", help="geef iemand toegang met een rol")
    identity(p)
    details(p, required_role=True)
    p.set_defaults(handler=cmd_users_add)

    p = actions.add_parser("list", help="toon alle gebruikers met rol en wat ze zien")
    p.add_argument("--db", required=True, type=Path, help="pad van het DuckDB-bestand")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.set_defaults(handler=cmd_users_list)

    p = actions.add_parser(
        "change",
        help="wijzig rol, gemeente/kern, e-mail of naam (wat u niet opgeeft blijft)",
        description=(
            "Wijzig een gebruiker. Met een nieuwe rol geldt precies de gemeente of kern die u nu "
            "opgeeft; met dezelfde rol vervangt een opgegeven gemeente of kern de oude. "
            "--email '' of --naam '' wist die. De laatste beheerder blijft beheerder."
        ),
    )
    identity(p)
    details(p, required_role=False)
    p.set_defaults(handler=cmd_users_change)

    p = actions.add_parser("remove", help="neem iemand de toegang af (niet de laatste beheerder)")
    identity(p)
    p.set_defaults(handler=cmd_users_remove)


def _describe_user(viewer: Viewer) -> str:
    return f"{users.display_name(viewer)} als {viewer.role} ({users.scope_label(viewer)})"


def cmd_users_add(args: argparse.Namespace) -> int:
    conn = db.connect(args.db, create=False)
    try:
        added = users.add_user(
            conn,
            issuer=args.issuer,
            subject=args.subject,
            role=args.role,
            email=args.email,
            name=args.name,
            gemeente_code=args.gemeente,
            kern_id=args.kern,
            by=CLI_USER,
        )
    finally:
        conn.close()
    print(f"Toegevoegd: {_describe_user(added)}.")
    return EXIT_OK


def cmd_users_change(args: argparse.Namespace) -> int:
    conn = db.connect(args.db, create=False)
    try:
        changed = users.change_user(
            conn,
            args.issuer,
            args.subject,
            role=args.role,
            gemeente_code=args.gemeente,
            kern_id=args.kern,
            email=args.email,
            name=args.name,
            by=CLI_USER,
        )
    finally:
        conn.close()
    print(f"Gewijzigd: {_describe_user(changed)}.")
    return EXIT_OK


def cmd_users_remove(args: argparse.Namespace) -> int:
    conn = db.connect(args.db, create=False)
    try:
        users.remove_user(conn, args.issuer, args.subject, by=CLI_USER)
    finally:
        conn.close()
    print(f"Verwijderd: uitgever {args.issuer}, subject {args.subject}.")
    return EXIT_OK


def cmd_users_list(args: argparse.Namespace) -> int:
    """Only reads, so it works on a read-only file and while the app runs (from a copy)."""
    with db.reading(args.db) as access:
        if access.notice:
            print(access.notice, file=sys.stderr)
        frame = users.list_users(access.conn)
    if args.json:
        columns = ["issuer", "subject", "email", "name", "role", "gemeente_code", "kern_id", "scope",
                   "created_at", "created_by", "updated_at"]  # fmt: skip
        records = [
            {key: value.isoformat() if isinstance(value, datetime) else value for key, value in row.items()}
            for row in frame[columns].astype(object).where(frame[columns].notna(), None).to_dict("records")
        ]
        print(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    if frame.empty:
        print("Nog geen gebruikers. Voeg de eerste beheerder toe met: users add --rol beheerder …")
        return EXIT_OK
    for r in frame.to_dict("records"):
        who = users.display_name(r)
        email = f" <{r['email']}>" if r["email"] and r["email"] != who else ""
        print(f"{r['role']:<13} {who}{email} — {r['scope']}")
        print(f"{'':13} uitgever {r['issuer']}  subject {r['subject']}")
    return EXIT_OK


def month_value(text: str) -> date:
    value, error = cells.month(text)
    if error:
        raise argparse.ArgumentTypeError(f"{text!r} is geen maand (gebruik bijv. 2017-01)")
    return value


def time_value(text: str) -> datetime:
    """``2018-12-31T12:00`` (or a date) for ``report --tijdstip``."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen tijdstip; schrijf bijvoorbeeld 2018-12-31T12:00"
        ) from None


def cmd_template(args: argparse.Namespace) -> int:
    """A workbook for a kern. Only reads the database, so it works on a read-only file and
    while the app holds it (from a copy then, said on stderr)."""
    path = args.db or config.db_path()
    with db.reading(path) as access:
        if access.notice:
            print(access.notice, file=sys.stderr)
        data = template.build_workbook(
            access.conn, args.kern, start=args.van, end=args.tot, with_data=args.with_data
        )
    if not args.out.parent.is_dir():
        raise UserError(f"Map '{args.out.parent}' bestaat niet.")
    args.out.write_bytes(data)
    print(f"Werkboek geschreven: {args.out} (kern {args.kern}, {fmt.period(args.van, args.tot)})")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    if not router.is_workbook(args.file):
        if args.replace_all:
            raise UserError("--alles-vervangen werkt alleen voor monitoringwerkboeken.")
        return import_public(args)
    conn = db.connect(args.db, create=False)
    try:
        plan = workbook.plan_import(
            conn, args.file, chosen_kern=args.kern, replace_all=bool(args.replace_all)
        )
        if plan.kern_mismatch:
            raise UserError(
                f"Dit werkboek is van {workbook.kern_name(conn, plan.info.kern_id)}; u koos "
                f"{workbook.kern_name(conn, args.kern)} (--kern). Er is niets opgeslagen."
            )
        if args.replace_all:
            _confirm_replace_all(conn, plan, args.replace_all)
        summary = None if args.dry_run else workbook.apply_import(conn, plan)
    except ValidationError as error:
        return report_rejected(args, error)
    finally:
        conn.close()
    changes = {sheet: asdict(change) for sheet, change in plan.sheet_changes().items()}
    if args.json:
        status = "gecontroleerd" if args.dry_run else ("ongewijzigd" if summary.unchanged else "ingelezen")
        result = {"status": status, "changes": changes, **(summary.as_dict() if summary else {})}
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return EXIT_OK
    print_changes(plan)
    if args.dry_run:
        print("Alleen gecontroleerd: er is niets opgeslagen.")
    elif summary.unchanged:
        print("Dezelfde gegevens stonden al in de database: niets gewijzigd.")
    else:
        print(
            f"Ingelezen: {args.file} voor kern {plan.info.kern_id} "
            f"({fmt.period(plan.info.period_start, plan.info.period_end)}): "
            f"{workbook.action_sentence(plan.totals())}; revisie {summary.revision_id} "
            f"(ongedaan maken: undo {summary.revision_id} --db {args.db})."
        )
    return EXIT_OK


def _confirm_replace_all(conn, plan: workbook.ImportPlan, typed: str) -> None:
    """'alles vervangen' needs the kern's name typed: a slip of the keyboard cannot wipe a kern."""
    name = conn.execute("SELECT name FROM kern WHERE kern_id = ?", [plan.info.kern_id]).fetchone()[0]
    if typed.strip().casefold() != name.casefold():
        raise UserError(
            f"Alles vervangen vraagt de naam van de kern ter bevestiging: '{name}', niet '{typed}'. "
            "Er is niets opgeslagen."
        )


def cmd_revisions(args: argparse.Namespace) -> int:
    """The revisions, newest first: who, when, file, what changed, undone by which."""
    with db.reading(args.db) as access:
        if access.notice:
            print(access.notice, file=sys.stderr)
        frame = revisions.list_revisions(access.conn, args.kern)
    if args.json:
        print(frame.to_json(orient="records", date_format="iso", force_ascii=False, indent=2))
        return EXIT_OK
    if frame.empty:
        print("Nog geen revisies" + (f" voor kern {args.kern}." if args.kern else "."))
        return EXIT_OK
    for r in frame.itertuples():
        state = f" — ongedaan gemaakt door revisie {int(r.undone_by)}" if r.undone_by is not None else ""
        when = f"{fmt.day(r.created_at.date())} {r.created_at:%H:%M}"
        print(
            f"{r.revision_id:>5}  {when}  {r.kern_name or r.kern_id}  {revisions.ACTIONS.get(r.action, r.action)}"
            f"  door {r.user_name}  {r.file_name or ''}{state}"
        )
        if r.summary:
            print(f"       {r.summary}")
        if r.file_hash:
            print(f"       sha256 {r.file_hash}")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    if args.revision is None and args.kern is None:
        raise UserError("Geef een revisienummer of --kern (de laatste revisie van die kern).")
    conn = db.connect(args.db, create=False)
    try:
        result = revisions.undo(conn, args.revision, kern_id=args.kern)
        summary = conn.execute(
            "SELECT summary FROM revision WHERE revision_id = ?", [result.revision_id]
        ).fetchone()[0]
    finally:
        conn.close()
    print(f"{summary} Vastgelegd als revisie {result.revision_id}.")
    return EXIT_OK


def import_public(args: argparse.Namespace) -> int:
    """A public CBS/RIVM/PDOK file: validated and imported in one transaction."""
    if args.dry_run:
        raise UserError("--controleer werkt alleen voor monitoringwerkboeken.")
    conn = db.connect(args.db, create=False)
    try:
        summary = public.import_public_file(conn, args.file, year=args.jaar)
    except ValidationError as error:
        return report_rejected(args, error)
    finally:
        conn.close()
    if args.json:
        print(
            json.dumps(
                {"status": "ongewijzigd" if summary.unchanged else "ingelezen", **summary.as_dict()},
                ensure_ascii=False,
                indent=2,
                default=str,
            )
        )
        return EXIT_OK
    if summary.unchanged:
        print(f"{args.file.name} was al ingelezen: niets gewijzigd.")
    else:
        rows = ", ".join(f"{table} {fmt.number(n)}" for table, n in summary.rows.items())
        print(f"Ingelezen: {args.file.name} ({summary.kind}): {rows}.")
    for warning in summary.warnings:
        print(f"  let op: {warning}")
    return EXIT_OK


def report_rejected(args: argparse.Namespace, error: ValidationError) -> int:
    if args.json:
        problems = [asdict(p) for p in error.problems]
        print(json.dumps({"status": "afgewezen", "problems": problems}, ensure_ascii=False, indent=2))
    else:
        print(f"Afgewezen: {args.file}", file=sys.stderr)
        print(str(error), file=sys.stderr)
    return EXIT_BAD_INPUT


def cmd_fetch_public(args: argparse.Namespace) -> int:
    """Download into a folder first (nothing is written when offline), then import each file."""
    with tempfile.TemporaryDirectory(prefix="sv-fetch-") as temp:
        folder = args.dest or Path(temp)
        files = public.fetch_public(args.year, folder)
        conn = db.connect(args.db, create=False)
        try:
            for path in files:
                summary = public.import_public_file(conn, path, year=args.year)
                print(f"Ingelezen: {path.name}: {fmt.number(sum(summary.rows.values()))} rijen")
        finally:
            conn.close()
    return EXIT_OK


def print_changes(plan: workbook.ImportPlan) -> None:
    print(f"{'tabblad':22} {'nieuw':>8} {'gewijzigd':>10} {'verwijderd':>11}")
    for sheet, change in plan.sheet_changes().items():
        print(
            f"{sheet:22} {fmt.number(change.new):>8} {fmt.number(change.changed):>10} {fmt.number(change.removed):>11}"
        )


def cmd_demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    reference = args.reference or config.reference_dir()
    build = demo.create_demo_database(args.db, args.seed, replace=args.force, reference=reference)
    seconds = time.perf_counter() - started
    total = sum(build.rows.values())
    print(
        f"Demodatabase gebouwd: {args.db} (seed {args.seed}), {fmt.number(total)} rijen "
        f"in {len(build.rows)} tabellen, {fmt.number(seconds, 1)} s."
    )
    if reference is None:
        print("Let op: alle monitoring- en contextcijfers hierin zijn fictief.")
        return EXIT_OK
    print(f"Let op: de monitoringcijfers zijn fictief; de contextcijfers komen uit {reference}:")
    for summary in build.reference:
        print(f"  {summary.file_name}: {fmt.number(sum(summary.rows.values()))} rijen ({summary.kind})")
    for line in build.skipped:
        print(f"  overgeslagen: {line}")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    existed = args.db.exists()
    conn = db.connect(args.db)
    try:
        if not existed:
            with db.transaction(conn):
                registry.write_registry(conn, registry.load_kernen())
                db.bump_data_version(conn)
            print(f"Lege database aangemaakt met het kernregister: {args.db}")
        else:
            print(f"Database bestond al en heeft nu schemaversie {db.schema_version(conn)}: {args.db}")
    finally:
        conn.close()
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    """Versions, datasets and row counts. Only reads (an older schema is still migrated when
    the file is writable, as before), so it works on a read-only file and while the app
    holds the database: then from a copy, said on stderr and as ``snapshot_taken_at``."""
    with db.reading(args.db) as access:
        conn = access.conn
        if access.notice:
            print(access.notice, file=sys.stderr)
        datasets = conn.execute(
            "SELECT dataset_id, kind, source, is_demo FROM dataset ORDER BY dataset_id"
        ).fetchall()
        info = {
            "database": str(args.db),
            "schema_version": db.schema_version(conn),
            "data_version": db.data_version(conn),
            "demo": db.has_demo_content(conn),
            "datasets": [
                dict(zip(("dataset_id", "kind", "source", "is_demo"), d, strict=True)) for d in datasets
            ],
            "rows": db.row_counts(conn),
            "snapshot_taken_at": access.copied_at.isoformat(timespec="seconds") if access.copied_at else None,
        }
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"Database: {info['database']}")
    print(f"Schemaversie {info['schema_version']}, gegevensversie {info['data_version']}")
    print("Bevat demogegevens (fictief): " + ("ja" if info["demo"] else "nee"))
    for d in info["datasets"]:
        print(f"  dataset {d['dataset_id']}: {d['source']}{' [demo]' if d['is_demo'] else ''}")
    for table, count in info["rows"].items():
        print(f"  {table:28} {fmt.number(count):>10}")
    return EXIT_OK


def _resolve(names, wanted: str, id_column: str, what: str) -> str:
    """An id from an id or a name (case-insensitive), or a Dutch UserError listing the options."""
    text = wanted.strip().casefold()
    for key, name in zip(names[id_column], names["name"], strict=True):
        if text in (str(key).casefold(), str(name).casefold()):
            return str(key)
    options = ", ".join(sorted(names["name"].astype(str)))
    raise UserError(f"onbekende {what} '{wanted}'. Kies uit: {options}.")


def _report_requests(args: argparse.Namespace, conn) -> list:
    from sv_analytics import scope
    from sv_analytics.report import build

    if args.alle:
        return build.requests_all(conn, args.moment, args.doelgroep)
    places = scope.place_names(conn)
    if args.kern:
        key = _resolve(places.kernen, args.kern, "kern_id", "kern")
        return [build.Request("kern", key, args.moment, args.doelgroep)]
    if args.gemeente:
        key = _resolve(places.gemeenten, args.gemeente, "gemeente_code", "gemeente")
        return [build.Request("gemeente", key, args.moment, args.doelgroep)]
    return [build.Request("programma", None, args.moment, args.doelgroep)]


def _report_formats(args: argparse.Namespace) -> list[str]:
    if args.formats:
        return list(dict.fromkeys(args.formats))
    if args.alle:
        return ["pdf", "pptx"]
    suffix = args.out.suffix.lower().lstrip(".")
    if suffix in ("pdf", "pptx"):
        return [suffix]
    raise UserError("geef --format pdf of --format pptx, of een --out die eindigt op .pdf of .pptx.")


def _progress_line(done: int, total: int, label: str, width: int = 28) -> str:
    filled = round(width * done / total) if total else width
    return f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}"


def cmd_report(args: argparse.Namespace) -> int:
    """One report (``--out`` is the file) or all of them (``--out`` is a folder), read-only."""
    from sv_analytics.report import build, run

    formats = _report_formats(args)
    generated_at = (args.tijdstip or datetime.now()).replace(microsecond=0)
    started = time.perf_counter()
    with db.reading(args.db) as access:
        if access.notice:
            print(access.notice, file=sys.stderr)
        requests = _report_requests(args, access.conn)
        demo_data = db.has_demo_content(access.conn)
        if not args.alle:
            if len(formats) != 1:
                raise UserError("één rapport: geef één --format (of maak ze met --alle).")
            report = build.build_report(access.conn, requests[0], generated_at=generated_at)
            data = run.render(report, formats[0])
            target = args.out if args.out.suffix else args.out / run.file_name(report, formats[0])
            target.parent.mkdir(parents=True, exist_ok=True)
            run.write_file(target, data)
            seconds = time.perf_counter() - started
            print(f"Geschreven: {target} ({fmt.number(len(data) / 1024)} kB, {fmt.number(seconds, 1)} s).")
            if report.demo:
                print("Let op: de cijfers in dit rapport zijn fictief (demogegevens).")
            return EXIT_OK
    total = len(requests) * len(formats)
    interactive = sys.stderr.isatty()
    done = 0
    for written in run.write_all(
        args.db, requests, formats, args.out, generated_at=generated_at, workers=args.processen
    ):
        done += 1
        line = _progress_line(done, total, written.path.name)
        print(line if interactive else line.lstrip("\r"), end="" if interactive else "\n", file=sys.stderr)
    if interactive:
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    print(f"{done} bestanden geschreven in {args.out} in {fmt.number(seconds, 1)} s.")
    if demo_data:
        print("Let op: de cijfers in deze rapporten zijn fictief (demogegevens).")
    return EXIT_OK


def _needs_migration(path: Path) -> bool:
    """Whether ``path`` has an older schema (kept for callers; see :func:`db.needs_migration`)."""
    return db.needs_migration(path)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one subcommand; every failure ends in a Dutch line on stderr and an exit code.

    A storage failure from DuckDB (conflict, full disk, read-only, corrupt) is a
    DatabaseError in Dutch, exit 2, like other problems the user can fix; any other DuckDB
    error is a bug, reported without DuckDB's English text, and a bug elsewhere with its
    message but without server paths (exit 1).
    """
    import duckdb

    from sv_analytics.texts import t

    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except UserError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Afgebroken.", file=sys.stderr)
        return EXIT_UNEXPECTED
    except duckdb.Error as error:
        mapped = db.write_error(error, t("db.what_command"))
        if mapped is not None:
            print(f"Fout: {mapped}", file=sys.stderr)
            return EXIT_BAD_INPUT
        print(t("db.unexpected", kind=type(error).__name__), file=sys.stderr)
        return EXIT_UNEXPECTED
    except Exception as error:  # a bug: say so plainly, with the type for the report
        print(f"Onverwachte fout ({type(error).__name__}): {db.public_text(str(error))}", file=sys.stderr)
        return EXIT_UNEXPECTED
