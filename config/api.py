from ninja import NinjaAPI

from solace.accounts.api import BearerToken, VerifiedSession
from solace.accounts.api import router as accounts_router
from solace.alerts.api import router as alerts_router
from solace.audit.api import router as audit_router
from solace.courses.api import router as courses_router
from solace.kernel import api_errors
from solace.measures.api import router as measures_router
from solace.patients.api import router as patients_router
from solace.screening.api import router as screening_router

api = NinjaAPI(
    title="Solace API",
    version="1",
    description="Clinic API of Solace. Authenticate with a browser session (CSRF) or `Authorization: Bearer <token>`.",
    auth=[BearerToken(), VerifiedSession()],
    urls_namespace="api",
)
api_errors.install(api)
api.add_router("", accounts_router)
api.add_router("", patients_router)
api.add_router("", audit_router)
api.add_router("", measures_router)
api.add_router("", screening_router)
api.add_router("", courses_router)
api.add_router("", alerts_router)
