from __future__ import annotations

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from solace.accounts import services
from solace.accounts.access import access_api_token
from solace.accounts.forms import ApiTokenForm, CodeForm, InvitationAcceptForm, LoginForm, StaffForm
from solace.accounts.models import User
from solace.accounts.requests import AuthenticatedHttpRequest
from solace.audit.access import access_clinic
from solace.audit.services import audit_record
from solace.kernel.forms import add_service_errors, form_post
from solace.kernel.permissions import Action, Role


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, email=form.cleaned_data["email"].lower(), password=form.cleaned_data["password"])
        if user is not None:
            login(request, user)
            audit_record(actor=user, action="account.login", object_type="user", object_id=user.pk)
            if services.staff_needs_two_factor(user):
                return redirect("accounts:two_factor")
            return redirect("site:home")
        if getattr(request, "axes_locked_out", False):
            return render(request, "accounts/locked_out.html", status=429)
        form.add_error(None, _("That e-mail address and password do not match an account."))
    return render(request, "accounts/login.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Second step of sign-in for staff: a TOTP code or a recovery code."""
    user = request.user
    if user.is_verified():
        return redirect("site:home")
    if not services.has_confirmed_totp(user):
        return redirect("accounts:two_factor_setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            audit_record(actor=user, action="account.two_factor_verified", object_type="user", object_id=user.pk,
                         detail={"method": device.__class__.__name__})
            return redirect("site:home")
        form.add_error("code", _("That code is not right, or it has expired. Try the newest code."))
    return render(request, "accounts/two_factor.html", {"form": form})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code, confirm with a first code, receive recovery codes once."""
    user = request.user
    if services.has_confirmed_totp(user) and not user.is_verified():
        return redirect("accounts:two_factor")
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=request.session.get("totp_setup")).first()
    if device is None:
        device = services.totp_device_start(user=user)
        request.session["totp_setup"] = device.pk
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.totp_device_confirm(user=user, device=device, token=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session.pop("totp_setup", None)
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
        form.add_error("code", _("That code is not right. Check the time on your phone and try the newest code."))
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request, "accounts/two_factor_setup.html",
        {"form": form, "qr": _qr_svg(device.config_url), "secret": secret},
    )


@login_required
@require_POST
def recovery_codes_regenerate_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    codes = services.recovery_codes_generate(user=request.user)
    audit_record(actor=request.user, action="account.recovery_codes_regenerated", object_type="user",
                 object_id=request.user.pk)
    return render(request, "accounts/recovery_codes.html", {"codes": codes})


@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str, kind: str = "patient") -> HttpResponse:
    """Every kind of invitation (a patient's, a family member's) is accepted here; `kind` comes from the URL."""
    pending = services.invitation_pending(kind, token, now=timezone.now())
    if pending is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    invitee = pending.invitee
    return form_post(
        InvitationAcceptForm(request.POST or None, email=invitee.email, full_name=invitee.full_name,
                             consents=pending.consents),
        save=lambda data: services.invitation_accept(pending=pending, password=data["password1"], now=timezone.now()),
        success=lambda user: _welcome(request, user, pending.home),
        page=lambda form: render(request, "accounts/invitation_accept.html", {
            **pending.context, "form": form, "welcome_name": pending.welcome_name, "email": invitee.email,
            "about_template": pending.about_template}))


def _welcome(request: HttpRequest, user: User, home: str) -> HttpResponse:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    messages.success(request, _("Welcome to Solace. Your account is ready."))
    return redirect(home)


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    access_clinic(request.user, Action.API_TOKENS, audit_action="api_token.list")
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.api_token_create(user=request.user, name=form.cleaned_data["name"])
        form = ApiTokenForm()
    tokens = request.user.api_tokens.filter(revoked_at__isnull=True)
    return render(request, "accounts/api_tokens.html", {"form": form, "tokens": tokens, "new_token": new_token})


@login_required
@require_POST
def api_token_revoke_view(request: AuthenticatedHttpRequest, token_id: int) -> HttpResponse:
    token = access_api_token(request.user, token_id, audit_action="api_token.revoke")
    services.api_token_revoke(token=token, now=timezone.now())
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:api_tokens")


@login_required
@require_http_methods(["GET", "POST"])
def members_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Clinic admins see their clinic's staff and add new members."""
    clinic = access_clinic(request.user, Action.STAFF_MANAGE, audit_action="staff.list")
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.staff_add(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            try:
                services.staff_welcome_send(user=member)
                messages.success(request, _("Added. They will receive an e-mail to choose a password."))
            except OSError:
                messages.error(request, _("Added, but the e-mail could not be sent. Please try again later."))
            return redirect("accounts:members")
    staff = (clinic.memberships.exclude(role__in=[Role.PATIENT, Role.FAMILY_MEMBER])
             .select_related("user").order_by("role"))
    return render(request, "accounts/members.html", {"form": form, "staff": staff})
