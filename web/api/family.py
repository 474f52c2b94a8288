"""The API of the family's own view: the coordinator's invitations, accepting one (no log-in), and
under /family/ what a family member sees and does — the same use cases as the family's page. A
family member logs in with POST /auth/token like everyone; every professional operation refuses
them (403, web/api/__init__.py)."""

from __future__ import annotations

from dataclasses import asdict

from flask import Response, current_app, jsonify, url_for

from web import mail
from web.api import api_actor, bp
from web.api import schemas as s
from web.api.bodies import body
from web.api.openapi import LOCATION, operation
from web.app_services import services

FAMILY = (401, 403, 404, 409, 422)


def invitation_json(issued, email: str = "") -> dict:
    link = url_for("family.invitation", code=issued.code, _external=True)
    sent = mail.deliver(current_app.extensions["ekd.config"], issued, email, link,
                        url_for("family.enter_code", _external=True))
    return s.Invitation().dump({"code": issued.code, "link": link, "expires_at": issued.expires_at, "sent": sent})


@bp.post("/trajectories/<trajectory_id>/invitations")
@operation("Een gezinslid uitnodigen (de coördinator): een eenmalige link met een korte code, 14 dagen geldig; een "
           "nieuwe uitnodiging voor dezelfde persoon maakt de vorige ongeldig", ok=201, returns="Invitation",
           body="NewInvitation", errors=FAMILY)
def invite(trajectory_id: str):
    given = body(s.NewInvitation)
    issued = services().invitations.invite(trajectory_id, given["name"], given["role"], api_actor(),
                                           capability=given["capability"], motivation=given["motivation"],
                                           kinship=given["relation"])
    return jsonify(invitation_json(issued, given["email"])), 201


@bp.post("/invitations/<code>/acceptance")
@operation("Een uitnodiging aanvaarden (zonder aanmelding): kies een gebruikersnaam en wachtwoord; daarna meld je "
           "je aan met POST /auth/token", ok=201, returns="FamilyLogin", body="InvitationAcceptance",
           headers=LOCATION, errors=(404, 409, 422), public=True)
def accept_invitation(code: str):
    given = body(s.InvitationAcceptance)
    person = services().invitations.accept(code, given["username"], given["password"])
    return jsonify(s.FamilyLogin().dump(asdict(person))), 201, {"Location": "/api/v1/family/trajectory"}


@bp.get("/family/trajectory")
@operation("Het traject van je kind zoals het gezin het ziet: fasen, wat nu en wanneer, team, ankerfiguur, "
           "instemming, je eigen woorden, het A-document", returns="FamilyTrajectory", errors=(401, 403))
def family_trajectory():
    page = services().family.page(api_actor())
    data = asdict(page)
    data["team"] = [{"role": role, "name": name} for role, name in page.team]
    data["document"] = [{"key": section.key, "title": str(section.title)} for section in page.document]
    for key in ("consents", "corrections", "agreements"):
        data[key] = [{"seq": a.seq, "at": a.at, "kind": a.kind, "mine": a.mine, "body": a.body}
                     for a in getattr(page, key)]
    return jsonify(s.FamilyTrajectory().dump(data))


@bp.post("/family/consent")
@operation("Zelf instemmen (ja) of weigeren (nee), met de reikwijdte van de instemmingsstap; als iedereen die beslist "
           "antwoordde, rondt dat de stap van de richtlijn af", returns="FamilyConsentNow", body="FamilyConsent",
           errors=FAMILY)
def family_consent():
    given = body(s.FamilyConsent)
    now = services().family_decisions.consent(given["answer"], given["scope"], given["note"], api_actor())
    return jsonify(s.FamilyConsentNow().dump({"consent": now}))


@bp.post("/family/consent/withdrawal")
@operation("Zelf de instemming intrekken: het traject staat stil", ok=204, body="FamilyNote", errors=FAMILY)
def family_withdraw():
    services().family_decisions.withdraw(body(s.FamilyNote)["note"], api_actor())
    return "", 204


@bp.post("/family/consent/renewal")
@operation("Zelf de instemming opnieuw geven na een intrekking", ok=204, body="FamilyNote", errors=FAMILY)
def family_give_again():
    services().family_decisions.give_again(body(s.FamilyNote)["note"], api_actor())
    return "", 204


@bp.post("/family/words")
@operation("Je vraag (voor de intake) of je visie (na het advies) in eigen woorden; ze komt, als de jouwe "
           "gemarkeerd, in de taken van het team en in het A-document", returns="FamilyMoment", body="FamilyWords",
           errors=FAMILY)
def family_words():
    moment = services().family_rights.write(body(s.FamilyWords)["text"], api_actor())
    return jsonify(s.FamilyMoment().dump({"moment": moment}))


@bp.post("/family/agreement")
@operation("Akkoord of niet akkoord met het A-document zoals het nu is (gebonden aan de inhoudshash), met "
           "toelichting", returns="FamilyAgreementDone", body="FamilyAgreement", errors=FAMILY)
def family_agreement():
    given = body(s.FamilyAgreement)
    done = services().family_decisions.agree(given["agrees"], given["comment"], api_actor())
    return jsonify(s.FamilyAgreementDone().dump({"completed": done}))


@bp.get("/family/copy")
@operation("Een kopie van wat het dossier over jullie bevat, zoals de wet het toelaat (JSON)",
           returns={"application/json": {"schema": {"type": "object"}}}, errors=(401, 403))
def family_copy():
    return jsonify(services().family_rights.copy(api_actor()))


@bp.get("/family/a-document.pdf")
@operation("Het A-document als PDF, zoals het gezin het leest", returns={"application/pdf": {}})
def family_pdf():
    from web import pdf  # WeasyPrint loads only when a PDF is asked for
    return Response(pdf.a_document(services().family_rights.document(api_actor())), mimetype="application/pdf")


@bp.post("/family/corrections")
@operation("Vragen om iets in het dossier te corrigeren: een taak voor de coördinator", ok=201, returns="Created",
           body="FamilyCorrection", errors=FAMILY)
def family_correction():
    notice = services().family_rights.ask_correction(body(s.FamilyCorrection)["request"], api_actor())
    return jsonify(s.Created().dump({"id": notice})), 201


@bp.put("/family/objection")
@operation("Het bekwame kind kiest welke delen de ouders niet zien (stem, diagnostiek; leeg: alles zichtbaar)",
           returns="FamilyObjection", body="FamilyObjection", errors=FAMILY)
def family_objection():
    parts = services().family_rights.object(body(s.FamilyObjection)["parts"], api_actor())
    return jsonify(s.FamilyObjection().dump({"parts": parts}))


@bp.put("/family/access/<member_id>")
@operation("De jongvolwassene (18+) geeft een ouder toegang tot het traject, of niet", ok=204, body="FamilyGrant",
           errors=FAMILY)
def family_grant(member_id: str):
    services().family_rights.grant(member_id, body(s.FamilyGrant)["granted"], api_actor())
    return "", 204


@bp.post("/trajectories/<trajectory_id>/correction-requests/<notice>/answer")
@operation("Een vraag om correctie van het gezin beantwoorden (de coördinator); het antwoord wordt gelogd",
           ok=204, body="CorrectionAnswer", errors=FAMILY)
def answer_correction(trajectory_id: str, notice: str):
    services().family_rights.answer_correction(trajectory_id, notice, body(s.CorrectionAnswer)["answer"], api_actor())
    return "", 204


@bp.post("/family/second-factor")
@operation("Een tweede stap (TOTP) instellen: een nieuw geheim voor je app, actief na bevestiging met een code",
           returns="SecondFactorPending", errors=(401, 403))
def family_second_factor():
    pending = services().second_factors.begin(api_actor())
    return jsonify(s.SecondFactorPending().dump(pending))


@bp.post("/family/second-factor/confirmation")
@operation("De tweede stap bevestigen met een code uit je app: daarna vraagt elke aanmelding een code", ok=204,
           body="SecondFactorCode", errors=FAMILY)
def family_second_factor_confirm():
    services().second_factors.confirm(body(s.SecondFactorCode)["code"], api_actor())
    return "", 204
