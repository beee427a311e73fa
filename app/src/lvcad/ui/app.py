"""Starting the editor, and the headless modes for tests and docs (``--smoke``,
``--export-png``)."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from lvcad import __version__, errors, logs, telemetry
from lvcad.canvas import DrawingScene, render_image, save_png
from lvcad.io import DocumentError
from lvcad.recovery import previous_crash_report

from .consent_dialog import ask_consent_once
from .editor import Editor, start_editor
from .error_dialog import ErrorPresenter
from .files import FileOperationError, error_message, load_drawing, load_underlay

__all__ = ["application", "export_png", "run_editor", "smoke"]

ORGANIZATION = "LV CAD"
APPLICATION = "LV CAD"


def application(argv: Sequence[str] = ()) -> QApplication:
    """The running ``QApplication`` (created, with LV CAD's names, if there is none)."""
    existing = QCoreApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0] if sys.argv else "lvcad", *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    return app


def _headless() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def run_editor(path: str | None = None, *, banner: str = f"LV CAD {__version__}") -> int:
    """Show the main window (opening ``path``) and run until it is closed.

    Before the window: the log file (starting with ``banner``), the exception hooks and
    error tracking. Then the editor with crash recovery (autosave; after a crash, the offer
    to restore and, with consent, the report of that crash); at first run the
    error-reporting question.
    """
    logs.setup_logging(banner)
    errors.install_hooks()
    telemetry.init_sentry()
    app = application()
    presenter = ErrorPresenter()
    presenter.install()
    editor = None
    try:
        editor = _start_editor(path)
        if editor is None:  # the error dialog is open: let the user read it, then stop
            app.exec()
            return 1
        window = editor.windows[0]
        presenter.parent_widget = window
        _report_previous_crash(presenter)
        ask_consent_once(window)
        return app.exec()
    finally:
        if editor is not None:
            editor.close()
        presenter.uninstall()
        telemetry.shutdown()
        errors.uninstall_hooks()


def _report_previous_crash(presenter: ErrorPresenter) -> None:
    """Report the previous run's crash as consent allows; in "ask each time" mode the
    error dialog shows the scrubbed report with Send / Don't send."""
    crash_text = previous_crash_report()
    if not crash_text:
        return
    report = telemetry.report_previous_crash(crash_text)
    if report is not None and report.can_send:
        presenter.present(
            errors.ErrorInfo(
                operation="the previous run",
                message="LV CAD stopped unexpectedly the last time it ran.",
                summary="the previous run crashed",
                report=report,
                log_path=logs.log_file(),
                fingerprint="previous-run-crashed",
            )
        )


@errors.with_error_handling("start LV CAD", "LV CAD could not start.")
def _start_editor(path: str | None) -> Editor:
    return start_editor(path)


def smoke(path: str | None = None) -> int:
    """Start the editor offscreen, open ``path``, render one frame, and report."""
    _headless()
    from .main_window import MainWindow

    app = application()
    with tempfile.TemporaryDirectory(prefix="lvcad-smoke-") as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings=settings)
        window.show()
        if path is not None:
            try:
                document = load_drawing(path)
            except (DocumentError, FileOperationError, OSError) as error:
                print(f"lvcad: {error_message(error)}", file=sys.stderr)
                return 1
            window.set_document(document, Path(path))
        app.processEvents()
        frame = window.view.grab()
        count = len(window.document)
        window.undo_stack.setClean()
        window.close()
        settings.sync()
    if frame.isNull() or frame.width() == 0:
        print("lvcad: the smoke test could not render a frame", file=sys.stderr)
        return 1
    source = path if path is not None else "a new drawing"
    print(
        f"smoke test passed: {source} ({count} entities) rendered at "
        f"{frame.width()}x{frame.height()}"
    )
    return 0


def export_png(output: str, path: str, width: int = 1600) -> int:
    """Render the drawing in ``path`` to the PNG file ``output``."""
    _headless()
    application()
    try:
        document = load_drawing(path)
    except (DocumentError, FileOperationError, OSError) as error:
        print(f"lvcad: {error_message(error)}", file=sys.stderr)
        return 1
    scene = DrawingScene(document)
    if document.underlay is not None:
        try:
            scene.set_underlay_drawing(load_underlay(document, Path(path)))
        except (DocumentError, FileOperationError, OSError) as error:
            print(f"lvcad: the underlay is left out: {error_message(error)}", file=sys.stderr)
    image = render_image(scene, width)
    scene.close()
    if not save_png(image, output):
        print(f"lvcad: cannot write the image {output!r}: check the folder", file=sys.stderr)
        return 1
    print(f"exported {path} to {output} ({image.width()}x{image.height()})")
    return 0
