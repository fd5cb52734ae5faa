"""Refresh the README screenshots from the demo clinic: `.venv/bin/python docs/screenshots/capture.py`.

Loads the demo clinic (`solace demo`) into a throwaway SOLACE_VAR_DIR, serves it with `solace serve` on a free
port, and photographs it in Debian's headless Chromium: the clinician's pages at desktop size (1280x800) and the
patient's at phone size (390x844). Staff sign in with the TOTP secret that `solace demo` prints, as a person with an
authenticator app would. The only thing created through the pages is one screening (the demo holds none); a
questionnaire is left half-answered. Nothing outside the temporary directory and docs/screenshots is touched, and
the server is stopped at the end however the script ends.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from base64 import b32decode
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django_otp.oath import TOTP
from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "docs" / "screenshots"
SOLACE = Path(sys.executable).parent / "solace"
CHROMIUM = Path(os.environ.get("SOLACE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 800}
PHONE: ViewportSize = {"width": 390, "height": 844}
SERVER_START_SECONDS = 60
PAGE_TIMEOUT_MS = 20_000
PR_SET_PDEATHSIG = 1

# The people photographed, chosen from the demo data by what they show rather than by name (names come from the
# demo's seed and could change). Printed as JSON by `solace shell`.
CHOOSE_PEOPLE = """
import json
from django.db.models import Count, Q
from solace.site.demo import DEMO_PATIENT_EMAIL, demo_clinic_get
from solace.patients.models import Patient
clinic = demo_clinic_get()
mine = Patient.objects.filter(clinic=clinic, care_team__role="primary",
                              care_team__user__email="clinician@demo.solace.invalid")
charted = (mine.filter(courses__status="active")
           .annotate(n=Count("measure_responses", filter=Q(measure_responses__status="submitted")))
           .order_by("-n", "family_name", "given_name").first())
unscreened = (mine.filter(courses__status="planned", screenings__isnull=True)
              .order_by("family_name", "given_name").first())
me = Patient.objects.get(clinic=clinic, email=DEMO_PATIENT_EMAIL)
print(json.dumps({
    "charted": {"id": str(charted.pk), "name": charted.full_name},
    "unscreened": {"id": str(unscreened.pk), "name": unscreened.full_name},
    "patient": {"id": str(me.pk), "name": me.full_name, "given_name": me.given_name},
}))
"""


def log(message: str) -> None:
    print(f"capture: {message}", flush=True)


def solace(var_dir: Path, *arguments: str) -> str:
    result = subprocess.run([str(SOLACE), *arguments], env=server_environment(var_dir), cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.exit(f"capture: `solace {' '.join(arguments[:2])}` failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def server_environment(var_dir: Path) -> dict[str, str]:
    """The caller's environment, pointed at the temporary directory and never at a configured database."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"DATABASE_URL", "SOLACE_DEBUG", "SOLACE_HTTPS"}}
    environment.update(SOLACE_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="config.settings")
    return environment


def totp_secrets(demo_output: str) -> dict[str, bytes]:
    """E-mail -> TOTP key, read from the otpauth URIs that `solace demo` prints for the staff logins."""
    secrets = {}
    for line in demo_output.splitlines():
        match = re.search(r"otpauth://\S+", line)
        if match:
            secret = parse_qs(urlsplit(match.group()).query)["secret"][0]
            secrets[line.split()[0]] = b32decode(secret + "=" * (-len(secret) % 8))
    return secrets


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:
    """In the server's process before exec: SIGTERM when this script dies, even by SIGKILL (Linux only)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


@contextmanager
def served(var_dir: Path) -> Iterator[str]:
    """`solace serve` on a free port for the duration. One SIGTERM at the end stops it and its gunicorn; it runs in
    its own process group so that a Ctrl+C here reaches it once, through that SIGTERM (no orphans either way)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_file = (var_dir / "serve.log").open("wb")
    server = subprocess.Popen([str(SOLACE), "serve", "--port", str(port), "--workers", "2"],
                              env=server_environment(var_dir), cwd=ROOT, stdout=log_file, stderr=subprocess.STDOUT,
                              process_group=0, preexec_fn=_die_with_parent)
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:  # noqa: S310 (local)
                    if response.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                sys.exit(f"capture: `solace serve` did not start; see {var_dir / 'serve.log'}:\n"
                         + (var_dir / "serve.log").read_text(errors="replace"))
            time.sleep(0.2)
        yield url
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log_file.close()


def new_context(browser: Browser, url: str, viewport: ViewportSize) -> BrowserContext:
    context = browser.new_context(base_url=url, viewport=viewport, locale="en-GB", timezone_id="Europe/London",
                                  device_scale_factor=1)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    return context


def sign_in(page: Page, email: str, password: str, totp_key: bytes | None = None) -> None:
    page.goto("/accounts/login/")
    page.locator("[name=email]").fill(email)
    page.locator("[name=password]").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if totp_key is not None:
        expect(page).to_have_url(re.compile(r"/accounts/two-factor/$"))
        page.locator("[name=code]").fill(f"{TOTP(totp_key).token():06d}")
        page.get_by_role("button", name="Continue").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/"))


@dataclass
class Camera:
    """Writes the PNGs into docs/screenshots; with --full-pages DIR, every page whole into DIR as well, to review
    what lies below the window."""

    full_pages: Path | None

    def shoot(self, page: Page, name: str, *, down_to: Locator | None = None, margin: int = 24) -> None:
        """The window, or from the top of the page to `margin` pixels below the end of `down_to` when that lies
        lower. The page must show its heading and have finished loading (htmx requests included)."""
        expect(page.locator("main h1")).to_be_visible()
        page.wait_for_load_state("networkidle")
        page.evaluate("() => document.fonts.ready")
        page.mouse.move(0, 0)
        options: dict[str, Any] = {"animations": "disabled", "caret": "hide"}
        viewport = page.viewport_size
        if down_to is not None and viewport is not None:
            bottom = page.evaluate("(element) => element.getBoundingClientRect().bottom + window.scrollY",
                                   down_to.element_handle())
            height = max(viewport["height"], round(bottom) + margin)
            options.update(full_page=True, clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
        page.screenshot(path=OUTPUT / f"{name}.png", **options)
        if self.full_pages is not None:
            page.screenshot(path=self.full_pages / f"{name}.png", full_page=True, animations="disabled", caret="hide")
        log(f"{name}.png")


def capture(url: str, demo_output: str, people: dict[str, dict[str, str]], password: str, camera: Camera) -> None:
    shoot = camera.shoot
    secrets = totp_secrets(demo_output)
    charted, unscreened, me = people["charted"], people["unscreened"], people["patient"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            # Anyone: the sign-in page.
            anonymous = new_context(browser, url, DESKTOP)
            page = anonymous.new_page()
            page.goto("/accounts/login/")
            shoot(page, "sign-in-desktop")
            page.set_viewport_size(PHONE)
            shoot(page, "sign-in-phone")
            anonymous.close()

            # The clinician (one sign-in: a TOTP code is accepted once).
            clinician = "clinician@demo.solace.invalid"
            staff = new_context(browser, url, DESKTOP)
            page = staff.new_page()
            sign_in(page, clinician, password, secrets[clinician])
            page.goto("/patients/")
            shoot(page, "caseload-desktop")
            page.set_viewport_size(PHONE)
            page.reload()
            shoot(page, "caseload-phone")
            page.set_viewport_size(DESKTOP)

            page.goto(f"/patients/{charted['id']}/")
            shoot(page, "patient-desktop")
            page.goto(f"/measures/patients/{charted['id']}/")
            shoot(page, "measures-desktop")
            page.get_by_role("link", name="Patient Health Questionnaire-9 (PHQ-9)").click()
            chart = page.get_by_test_id("chart-total")
            expect(chart).to_be_visible()
            shoot(page, "measures-chart-desktop", down_to=chart)
            page.goto(f"/courses/patients/{charted['id']}/")
            shoot(page, "course-desktop", down_to=page.locator("#sessions tbody tr").nth(5), margin=1)
            page.get_by_role("link", name=re.compile(r"^The plan \(version \d+\)$")).click()
            expect(page.get_by_test_id("planned-session").first).to_be_visible()
            shoot(page, "course-plan-desktop")

            # A screening, entered as the clinician would after an assessment of a patient not yet started.
            page.goto(f"/screening/patients/{unscreened['id']}/new/")
            page.get_by_label("Severe self-criticism").check()
            page.get_by_label("Low self-esteem").check()
            page.get_by_label("Antidepressant medication").check()
            page.get_by_label("Antidepressant (name)").fill("Sertraline")
            page.get_by_label("Preferred format").select_option("individual")
            page.get_by_label("Patient Health Questionnaire-9 (PHQ-9)").fill("2, 2, 1, 2, 1, 1, 1, 1, 0")
            page.get_by_label("Generalized Anxiety Disorder 7-item scale (GAD-7)").fill("2, 1, 2, 2, 1, 1, 2")
            page.get_by_label("Difficulties in Emotion Regulation Scale, 16-item version (DERS-16)").fill(
                "3, 2, 3, 3, 2, 3, 2, 3, 3, 2, 3, 2, 3, 3, 2, 3")
            page.get_by_label("Self-Compassion Scale - Short Form (SCS-SF)").fill("2, 3, 2, 2, 3, 2, 3, 2, 2, 3, 2, 2")
            page.get_by_role("button", name="Evaluate").click()
            expect(page).to_have_url(re.compile(r"/screening/patients/[0-9a-f-]{36}/\d+/$"))
            expect(page.get_by_test_id("decision")).to_be_visible()
            shoot(page, "screening-result-desktop")
            staff.close()

            # The supervisor sees every alert of the clinic's demo patients.
            supervisor = "supervisor@demo.solace.invalid"
            oversight = new_context(browser, url, DESKTOP)
            page = oversight.new_page()
            sign_in(page, supervisor, password, secrets[supervisor])
            page.goto("/alerts/")
            expect(page.get_by_test_id("open-count")).not_to_have_text("0")
            shoot(page, "alerts-desktop")
            oversight.close()

            # The demo patient, on a phone.
            phone = new_context(browser, url, PHONE)
            page = phone.new_page()
            sign_in(page, "patient@demo.solace.invalid", password)
            expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {me['given_name']}")
            shoot(page, "patient-home-phone")
            page.set_viewport_size(DESKTOP)
            page.reload()
            shoot(page, "patient-home-desktop")
            page.set_viewport_size(PHONE)
            page.reload()

            # The PHQ-9 (its wording may be reproduced), half answered: the progress bar and the chosen answers.
            due = page.get_by_role("region", name="Questionnaires to complete")
            due.get_by_role("link", name="Start the Patient Health Questionnaire-9 (PHQ-9)").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Patient Health Questionnaire-9 (PHQ-9)")
            for item, value in ((1, 1), (2, 2), (3, 1)):
                page.locator(f"label[for=phq9_q{item}-{value}]").click()
            expect(page.locator("#progress")).to_contain_text("3 of 9")
            # Scrolled to the first question, just below the progress bar that stays at the top.
            page.evaluate("() => window.scrollTo(0, document.getElementById('q-phq9_q1').getBoundingClientRect().top"
                          " + window.scrollY - document.getElementById('progress').offsetHeight - 8)")
            shoot(page, "questionnaire-phone")

            page.goto("/courses/mine/")
            shoot(page, "course-phone")
            page.goto("/help/crisis/")
            shoot(page, "crisis-phone")
            phone.close()
        finally:
            browser.close()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(f"capture: stopped by signal {signum}")


def main() -> None:
    # SIGTERM unwinds like Ctrl+C does, so the server is stopped and the temporary directory removed.
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--full-pages", type=Path, metavar="DIR",
                        help="also save every page whole (not cut at the window) into DIR, for review")
    arguments = parser.parse_args()
    camera = Camera(full_pages=arguments.full_pages.resolve() if arguments.full_pages else None)
    if camera.full_pages is not None:
        camera.full_pages.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    if not CHROMIUM.exists():
        sys.exit(f"capture: Chromium is needed at {CHROMIUM} (`make chromium` installs it).")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="solace-screenshots-") as temporary:
        var_dir = Path(temporary)
        log(f"loading the demo clinic into {var_dir}")
        solace(var_dir, "migrate", "--noinput", "-v", "0")
        demo_output = solace(var_dir, "demo")
        password = re.search(r"uses the password ([^\s)]+)", demo_output)
        if password is None:
            sys.exit("capture: `solace demo` did not print the demo password.")
        people = json.loads(solace(var_dir, "shell", "--no-imports", "-c", CHOOSE_PEOPLE))
        log(f"patients: {people['charted']['name']} (measures, course), {people['unscreened']['name']} "
            f"(screening), {people['patient']['name']} (the patient's own pages)")
        with served(var_dir) as url:
            log(f"serving at {url}")
            capture(url, demo_output, people, password.group(1), camera)
    log(f"done in {time.monotonic() - started:.1f}s; the PNGs are in {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
