/**
 * The independent policy oracle (issue 8, point 12): expected decisions WRITTEN BY HAND from the rules as
 * `docs/architecture.md#who-may-read-what` and the prose of `docs/access-policy.md` state them — never computed
 * by `decide()`. Each line is one case:
 *
 *     caller [@regions] | purpose | victim [@region] [+consent…] | category | expected
 *
 * - caller: agency and role; `@OSLO,EAST` makes them local staff of those regions (no `@`: national staff).
 * - purpose: `EMERGENCY` comes with a proper written justification; `EMERGENCY(short)` with 19 characters,
 *   `EMERGENCY(20)` with exactly 20, `EMERGENCY(blank)` with 25 spaces, `EMERGENCY(none)` with none.
 * - victim: `adult` (no investigation, identified by the police), `minor`, `investigated` (an adult in a police
 *   investigation), `ngo` (an adult referred by an NGO), `unregistered` (unknown to the registry: no region),
 *   `directory` (a field about no victim, such as a safe house in the directory). Registered victims live in
 *   OSLO unless `@REGION` says otherwise. `+c-…` adds a consent of oracle-consents.ts.
 * - expected: `OWN_RECORDS`, `LEGAL_RULE:<rule>`, `CONSENT:<consent id>`, `EMERGENCY` (always flagged for review),
 *   `FORBIDDEN` or `CONSENT_REQUIRED`.
 *
 * The comment above each block names the rule it exercises; a case where the code and the docs disagreed is
 * marked `(was: …)` with what the code answered before it was fixed.
 */
export const ORACLE_TABLE = `
# Default deny starts with the caller: a role outside its agency reads nothing, whatever else holds.
POLICE CASEWORKER            | CASE_COORDINATION | adult                 | IDENTITY        | FORBIDDEN
HEALTH INVESTIGATOR          | INVESTIGATION     | adult                 | POLICE_CASE     | FORBIDDEN
COORDINATION CLINICIAN       | CARE              | adult                 | HEALTH_SUMMARY  | FORBIDDEN
AUDIT COORDINATOR            | CASE_COORDINATION | adult                 | IDENTITY        | FORBIDDEN
NGO CASEWORKER               | SOCIAL_ASSISTANCE | ngo +c-ngo            | IDENTITY        | FORBIDDEN
POLICE ANALYST               | STATISTICS        | adult                 | CASE_STATUS     | FORBIDDEN
HEALTH CASEWORKER            | EMERGENCY         | adult                 | IDENTITY        | FORBIDDEN
CHILD_WELFARE AUDITOR        | AUDIT             | adult                 | ACCESS_LOG      | FORBIDDEN
SOCIAL_SERVICES PROSECUTOR   | PROSECUTION       | adult                 | POLICE_CASE     | FORBIDDEN

# Local staff must carry their regions: a local role (the local units' caseworkers) without any is refused, never national.
COORDINATION CASEWORKER      | CASE_COORDINATION | adult                 | IDENTITY        | FORBIDDEN
COORDINATION CASEWORKER      | CASE_COORDINATION | adult                 | CASE_STATUS     | FORBIDDEN

# Coordinating unit: its own registry for case coordination; other agencies' categories need a consent.
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | IDENTITY        | OWN_RECORDS
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | CASE_STATUS     | OWN_RECORDS
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | IDENTIFICATION  | OWN_RECORDS
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | CONSENT         | OWN_RECORDS
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | POLICE_CASE     | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | IMMIGRATION     | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | SOCIAL          | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | SHELTER_LOCATION| CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | HEALTH_SUMMARY  | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | HEALTH_DETAIL   | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | CHILD_WELFARE   | CONSENT_REQUIRED
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | adult                 | IDENTITY        | OWN_RECORDS
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | adult                 | IDENTIFICATION  | OWN_RECORDS
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | minor                 | CONSENT         | OWN_RECORDS
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | adult                 | IMMIGRATION     | CONSENT_REQUIRED
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | adult                 | CHILD_WELFARE   | CONSENT_REQUIRED
# ... and only within its mandate: another purpose is not its own records (a consent could still open it).
COORDINATION COORDINATOR     | INVESTIGATION     | adult                 | IDENTITY        | CONSENT_REQUIRED
COORDINATION COORDINATOR     | STATISTICS        | adult                 | CASE_STATUS     | CONSENT_REQUIRED
COORDINATION CASEWORKER @OSLO| SOCIAL_ASSISTANCE | adult                 | IDENTITY        | CONSENT_REQUIRED
COORDINATION CASEWORKER @OSLO| CHILD_PROTECTION  | minor                 | IDENTITY        | CONSENT_REQUIRED

# The victim's right of access (GDPR Art. 15), answered by their coordinator; the log itself is audit's.
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | ACCESS_LOG      | LEGAL_RULE:DATA_SUBJECT_ACCESS
COORDINATION COORDINATOR     | CASE_COORDINATION | minor                 | ACCESS_LOG      | LEGAL_RULE:DATA_SUBJECT_ACCESS
COORDINATION COORDINATOR     | AUDIT             | adult                 | ACCESS_LOG      | FORBIDDEN
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | adult                 | ACCESS_LOG      | FORBIDDEN
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | adult +c-coord-broad  | ACCESS_LOG      | FORBIDDEN

# Police: investigators for investigations, prosecutors for prosecutions.
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | POLICE_CASE     | OWN_RECORDS
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | IDENTITY        | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | CASE_STATUS     | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | IDENTIFICATION  | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | HEALTH_SUMMARY  | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | HEALTH_DETAIL   | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | SHELTER_LOCATION| CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | ACCESS_LOG      | FORBIDDEN
POLICE INVESTIGATOR          | PROSECUTION       | adult                 | POLICE_CASE     | CONSENT_REQUIRED
POLICE PROSECUTOR            | PROSECUTION       | adult                 | POLICE_CASE     | OWN_RECORDS
POLICE PROSECUTOR            | INVESTIGATION     | adult                 | POLICE_CASE     | CONSENT_REQUIRED
POLICE PROSECUTOR            | PROSECUTION       | adult                 | IMMIGRATION     | CONSENT_REQUIRED
POLICE PROSECUTOR            | PROSECUTION       | adult                 | ACCESS_LOG      | FORBIDDEN

# Legal rule: the police see the identity — and only the identity — of a victim in an investigation they run.
POLICE INVESTIGATOR          | INVESTIGATION     | investigated          | IDENTITY        | LEGAL_RULE:POLICE_OWN_INVESTIGATION
POLICE INVESTIGATOR          | INVESTIGATION     | investigated          | CASE_STATUS     | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | investigated          | POLICE_CASE     | OWN_RECORDS
POLICE INVESTIGATOR          | INVESTIGATION     | investigated          | IMMIGRATION     | CONSENT_REQUIRED
POLICE PROSECUTOR            | PROSECUTION       | investigated          | IDENTITY        | LEGAL_RULE:POLICE_OWN_INVESTIGATION
POLICE PROSECUTOR            | INVESTIGATION     | investigated          | IDENTITY        | LEGAL_RULE:POLICE_OWN_INVESTIGATION
POLICE INVESTIGATOR          | CASE_COORDINATION | investigated          | IDENTITY        | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | investigated +c-police| IDENTITY        | LEGAL_RULE:POLICE_OWN_INVESTIGATION
POLICE INVESTIGATOR          | INVESTIGATION     | investigated +c-police| CASE_STATUS     | CONSENT:c-police
COORDINATION COORDINATOR     | INVESTIGATION     | investigated          | IDENTITY        | CONSENT_REQUIRED

# Immigration and social services: their own categories for their own purpose.
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult                 | IMMIGRATION     | OWN_RECORDS
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult                 | IDENTITY        | CONSENT_REQUIRED
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult                 | SOCIAL          | CONSENT_REQUIRED
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult                 | ACCESS_LOG      | FORBIDDEN
IMMIGRATION CASEWORKER       | CASE_COORDINATION | adult                 | IMMIGRATION     | CONSENT_REQUIRED
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult                 | SOCIAL          | OWN_RECORDS
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult                 | SHELTER_LOCATION| OWN_RECORDS
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult                 | IDENTITY        | CONSENT_REQUIRED
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult                 | HEALTH_SUMMARY  | CONSENT_REQUIRED
SOCIAL_SERVICES CASEWORKER   | CARE              | adult                 | SOCIAL          | CONSENT_REQUIRED
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult +c-social       | IDENTITY        | CONSENT:c-social
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult +c-social       | SOCIAL          | OWN_RECORDS
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult +c-social       | CASE_STATUS     | CONSENT_REQUIRED
SOCIAL_SERVICES CASEWORKER   | CARE              | adult +c-social       | IDENTITY        | CONSENT_REQUIRED
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | adult +c-social-withdrawn | IDENTITY    | CONSENT_REQUIRED

# Health: clinicians for care, the details included.
HEALTH CLINICIAN             | CARE              | adult                 | HEALTH_SUMMARY  | OWN_RECORDS
HEALTH CLINICIAN             | CARE              | adult                 | HEALTH_DETAIL   | OWN_RECORDS
HEALTH CLINICIAN             | CARE              | adult                 | IDENTITY        | CONSENT_REQUIRED
HEALTH CLINICIAN             | CARE              | adult                 | SHELTER_LOCATION| CONSENT_REQUIRED
HEALTH CLINICIAN             | CARE              | adult                 | ACCESS_LOG      | FORBIDDEN
HEALTH CLINICIAN             | INVESTIGATION     | adult                 | HEALTH_DETAIL   | CONSENT_REQUIRED
HEALTH CLINICIAN             | CARE              | adult +c-health       | IDENTITY        | CONSENT:c-health
HEALTH CLINICIAN             | CARE              | adult +c-health       | SHELTER_LOCATION| CONSENT:c-health
HEALTH CLINICIAN             | CARE              | adult +c-health       | CASE_STATUS     | CONSENT_REQUIRED

# Child welfare: its own measures; identity and case status of minors by law, never of adults.
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | adult                 | CHILD_WELFARE   | OWN_RECORDS
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | adult                 | IDENTITY        | CONSENT_REQUIRED
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | adult                 | CASE_STATUS     | CONSENT_REQUIRED
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor                 | IDENTITY        | LEGAL_RULE:CHILD_WELFARE_MINORS
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor                 | CASE_STATUS     | LEGAL_RULE:CHILD_WELFARE_MINORS
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor                 | CHILD_WELFARE   | OWN_RECORDS
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor                 | IDENTIFICATION  | CONSENT_REQUIRED
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor                 | HEALTH_SUMMARY  | CONSENT_REQUIRED
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor                 | ACCESS_LOG      | FORBIDDEN
CHILD_WELFARE CASEWORKER     | CASE_COORDINATION | minor                 | IDENTITY        | CONSENT_REQUIRED
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor +c-multi        | CONSENT         | CONSENT:c-multi
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor +c-multi        | IDENTITY        | LEGAL_RULE:CHILD_WELFARE_MINORS

# Audit staff read the access log and nothing personal, whatever a consent says.
AUDIT AUDITOR                | AUDIT             | adult                 | ACCESS_LOG      | OWN_RECORDS
AUDIT AUDITOR                | AUDIT             | adult                 | IDENTITY        | FORBIDDEN
AUDIT AUDITOR                | AUDIT             | adult                 | CASE_STATUS     | FORBIDDEN
AUDIT AUDITOR                | AUDIT             | adult +c-audit        | IDENTITY        | FORBIDDEN
AUDIT AUDITOR                | CASE_COORDINATION | adult                 | ACCESS_LOG      | FORBIDDEN
AUDIT AUDITOR                | AUDIT             | directory             | ACCESS_LOG      | OWN_RECORDS
AUDIT AUDITOR                | EMERGENCY         | adult                 | IDENTITY        | FORBIDDEN

# Analysts read statistics only: no field about a victim, not even by consent or in an emergency.
COORDINATION ANALYST         | STATISTICS        | adult                 | CASE_STATUS     | FORBIDDEN
COORDINATION ANALYST         | STATISTICS        | adult                 | IDENTITY        | FORBIDDEN
COORDINATION ANALYST         | STATISTICS        | adult +c-statistics   | CASE_STATUS     | FORBIDDEN
COORDINATION ANALYST         | CASE_COORDINATION | adult                 | IDENTITY        | FORBIDDEN
COORDINATION ANALYST         | STATISTICS        | adult                 | ACCESS_LOG      | FORBIDDEN
COORDINATION ANALYST         | EMERGENCY         | adult                 | IDENTITY        | FORBIDDEN
COORDINATION COORDINATOR     | STATISTICS        | adult +c-statistics   | CASE_STATUS     | CONSENT:c-statistics

# NGO workers: identity and case status of victims an NGO referred, with consent; nothing else.
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | ngo +c-ngo            | IDENTITY        | CONSENT:c-ngo
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | ngo +c-ngo            | CASE_STATUS     | CONSENT:c-ngo
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | ngo +c-ngo            | SOCIAL          | FORBIDDEN
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | ngo +c-ngo            | HEALTH_SUMMARY  | FORBIDDEN
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | ngo +c-ngo            | ACCESS_LOG      | FORBIDDEN
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | ngo                   | IDENTITY        | CONSENT_REQUIRED
NGO NGO_WORKER               | CASE_COORDINATION | ngo +c-ngo            | IDENTITY        | CONSENT_REQUIRED
# A victim the NGOs did not refer looks exactly like one they referred without consent, or an unknown id
# (issue 8, point 2: no existence oracle), whatever consent names the NGO.
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | adult +c-ngo          | IDENTITY        | CONSENT_REQUIRED
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | adult                 | CASE_STATUS     | CONSENT_REQUIRED
NGO NGO_WORKER               | EMERGENCY         | ngo +c-ngo            | IDENTITY        | FORBIDDEN

# Consent names categories one by one: SHELTER_LOCATION and HEALTH_DETAIL only when named explicitly.
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | POLICE_CASE     | CONSENT:c-coord-broad
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | IMMIGRATION     | CONSENT:c-coord-broad
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | SOCIAL          | CONSENT:c-coord-broad
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | HEALTH_SUMMARY  | CONSENT:c-coord-broad
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | CHILD_WELFARE   | CONSENT:c-coord-broad
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | SHELTER_LOCATION| CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | HEALTH_DETAIL   | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | IDENTITY        | OWN_RECORDS
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-sensitive | SHELTER_LOCATION | CONSENT:c-coord-sensitive
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-sensitive | HEALTH_DETAIL | CONSENT:c-coord-sensitive
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-sensitive | HEALTH_SUMMARY | CONSENT_REQUIRED
COORDINATION CASEWORKER @OSLO| CASE_COORDINATION | adult +c-coord-sensitive | HEALTH_DETAIL | CONSENT:c-coord-sensitive
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad +c-coord-sensitive | HEALTH_DETAIL | CONSENT:c-coord-sensitive
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad +c-coord-sensitive | SOCIAL | CONSENT:c-coord-broad
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-sensitive | HEALTH_DETAIL | CONSENT:c-police-sensitive
POLICE PROSECUTOR            | PROSECUTION       | adult +c-police-sensitive | SHELTER_LOCATION | CONSENT:c-police-sensitive
POLICE PROSECUTOR            | PROSECUTION       | adult +c-police-sensitive | HEALTH_SUMMARY | CONSENT:c-police-sensitive
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-sensitive | IDENTITY     | CONSENT_REQUIRED

# Consent names the recipient agency (every role of it), the purpose, and is valid [validFrom, validUntil).
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police       | IDENTITY        | CONSENT:c-police
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police       | CASE_STATUS     | CONSENT:c-police
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police       | IMMIGRATION     | CONSENT:c-police
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police       | SOCIAL          | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police       | ACCESS_LOG      | FORBIDDEN
POLICE PROSECUTOR            | INVESTIGATION     | adult +c-police       | CASE_STATUS     | CONSENT:c-police
POLICE PROSECUTOR            | PROSECUTION       | adult +c-police       | CASE_STATUS     | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-expired | CASE_STATUS   | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-withdrawn | CASE_STATUS | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-withdrawn | IDENTITY    | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-future | CASE_STATUS    | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-ends-now | CASE_STATUS  | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-starts-now | CASE_STATUS | CONSENT:c-police-starts-now
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-withdrawn +c-police-2 | CASE_STATUS | CONSENT:c-police-2
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-police-expired +c-police-withdrawn +c-police-future | IDENTITY | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-immigration  | CASE_STATUS     | CONSENT_REQUIRED
IMMIGRATION CASEWORKER       | INVESTIGATION     | adult +c-immigration  | CASE_STATUS     | CONSENT:c-immigration
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult +c-immigration  | CASE_STATUS     | CONSENT_REQUIRED
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult +c-multi        | CONSENT         | CONSENT:c-multi
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult +c-multi        | IDENTIFICATION  | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-multi        | CASE_STATUS     | CONSENT:c-multi
POLICE INVESTIGATOR          | PROSECUTION       | adult +c-multi        | CASE_STATUS     | CONSENT_REQUIRED
SOCIAL_SERVICES CASEWORKER   | INVESTIGATION     | adult +c-multi        | IDENTITY        | CONSENT_REQUIRED

# Fields about no victim (the safe-house directory): own records or nothing; an emergency still opens them.
SOCIAL_SERVICES CASEWORKER   | SOCIAL_ASSISTANCE | directory             | SHELTER_LOCATION| OWN_RECORDS
SOCIAL_SERVICES CASEWORKER   | CARE              | directory             | SHELTER_LOCATION| FORBIDDEN
POLICE INVESTIGATOR          | INVESTIGATION     | directory             | SHELTER_LOCATION| FORBIDDEN
COORDINATION COORDINATOR     | CASE_COORDINATION | directory             | SHELTER_LOCATION| FORBIDDEN
HEALTH CLINICIAN             | CARE              | directory             | SHELTER_LOCATION| FORBIDDEN
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | directory             | SHELTER_LOCATION| FORBIDDEN
POLICE INVESTIGATOR          | EMERGENCY         | directory             | SHELTER_LOCATION| EMERGENCY

# Emergency: a written justification of at least 20 characters, an emergency role; every category but two.
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | IDENTITY        | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | CASE_STATUS     | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | IDENTIFICATION  | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | CONSENT         | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | POLICE_CASE     | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | IMMIGRATION     | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | SOCIAL          | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | SHELTER_LOCATION| EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | HEALTH_SUMMARY  | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | CHILD_WELFARE   | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | HEALTH_DETAIL   | FORBIDDEN
POLICE INVESTIGATOR          | EMERGENCY         | adult                 | ACCESS_LOG      | FORBIDDEN
POLICE INVESTIGATOR          | EMERGENCY         | adult +c-police-sensitive | HEALTH_DETAIL | FORBIDDEN
COORDINATION COORDINATOR     | EMERGENCY         | adult +c-coord-sensitive | HEALTH_DETAIL | FORBIDDEN
COORDINATION COORDINATOR     | EMERGENCY         | adult                 | ACCESS_LOG      | FORBIDDEN
COORDINATION COORDINATOR     | EMERGENCY         | adult                 | IDENTITY        | EMERGENCY
COORDINATION CASEWORKER @OSLO| EMERGENCY         | minor                 | CHILD_WELFARE   | EMERGENCY
POLICE PROSECUTOR            | EMERGENCY         | adult                 | SOCIAL          | EMERGENCY
IMMIGRATION CASEWORKER       | EMERGENCY         | adult                 | SHELTER_LOCATION| EMERGENCY
SOCIAL_SERVICES CASEWORKER   | EMERGENCY         | adult                 | POLICE_CASE     | EMERGENCY
CHILD_WELFARE CASEWORKER     | EMERGENCY         | adult                 | HEALTH_SUMMARY  | EMERGENCY
HEALTH CLINICIAN             | EMERGENCY         | adult                 | POLICE_CASE     | EMERGENCY
HEALTH CLINICIAN             | EMERGENCY         | adult                 | HEALTH_SUMMARY  | EMERGENCY
# Nothing below the emergency step applies to an emergency: not even a clinician's own details.
HEALTH CLINICIAN             | EMERGENCY         | adult                 | HEALTH_DETAIL   | FORBIDDEN
POLICE INVESTIGATOR          | EMERGENCY(20)     | adult                 | IDENTITY        | EMERGENCY
POLICE INVESTIGATOR          | EMERGENCY(short)  | adult                 | IDENTITY        | FORBIDDEN
POLICE INVESTIGATOR          | EMERGENCY(blank)  | adult                 | IDENTITY        | FORBIDDEN
POLICE INVESTIGATOR          | EMERGENCY(none)   | adult                 | IDENTITY        | FORBIDDEN
COORDINATION COORDINATOR     | EMERGENCY(none)   | adult                 | CASE_STATUS     | FORBIDDEN
HEALTH CLINICIAN             | EMERGENCY(short)  | adult                 | HEALTH_SUMMARY  | FORBIDDEN

# Labour inspection: inspectors for labour inspection read the labour case; everything else needs a consent.
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult                 | LABOUR_CASE     | OWN_RECORDS
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | minor                 | LABOUR_CASE     | OWN_RECORDS
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult                 | IDENTITY        | CONSENT_REQUIRED
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult                 | CASE_STATUS     | CONSENT_REQUIRED
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult                 | POLICE_CASE     | CONSENT_REQUIRED
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult                 | HEALTH_DETAIL   | CONSENT_REQUIRED
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult                 | ACCESS_LOG      | FORBIDDEN
LABOUR_INSPECTION INSPECTOR  | INVESTIGATION     | adult                 | LABOUR_CASE     | CONSENT_REQUIRED
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult +c-labour       | IDENTITY        | CONSENT:c-labour
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult +c-labour       | LABOUR_CASE     | OWN_RECORDS
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult +c-labour       | POLICE_CASE     | CONSENT_REQUIRED
LABOUR_INSPECTION INSPECTOR  | INVESTIGATION     | adult +c-labour       | IDENTITY        | CONSENT:c-labour
LABOUR_INSPECTION INSPECTOR  | LABOUR_INSPECTION | adult +c-police       | IDENTITY        | CONSENT_REQUIRED
LABOUR_INSPECTION CASEWORKER | LABOUR_INSPECTION | adult                 | LABOUR_CASE     | FORBIDDEN
LABOUR_INSPECTION ANALYST    | STATISTICS        | adult                 | LABOUR_CASE     | FORBIDDEN
POLICE INSPECTOR             | INVESTIGATION     | adult                 | POLICE_CASE     | FORBIDDEN
# ... other agencies read the labour case only by a consent that names it (a police referral is not one).
POLICE INVESTIGATOR          | INVESTIGATION     | adult                 | LABOUR_CASE     | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | investigated          | LABOUR_CASE     | CONSENT_REQUIRED
POLICE INVESTIGATOR          | INVESTIGATION     | adult +c-labour       | LABOUR_CASE     | CONSENT:c-labour
POLICE PROSECUTOR            | PROSECUTION       | adult +c-labour       | LABOUR_CASE     | CONSENT_REQUIRED
IMMIGRATION CASEWORKER       | PERMIT_PROCESSING | adult +c-labour       | LABOUR_CASE     | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult                 | LABOUR_CASE     | CONSENT_REQUIRED
COORDINATION COORDINATOR     | CASE_COORDINATION | adult +c-coord-broad  | LABOUR_CASE     | CONSENT_REQUIRED
CHILD_WELFARE CASEWORKER     | CHILD_PROTECTION  | minor                 | LABOUR_CASE     | CONSENT_REQUIRED
NGO NGO_WORKER               | SOCIAL_ASSISTANCE | ngo +c-ngo            | LABOUR_CASE     | FORBIDDEN
# ... an emergency opens it (and lets inspectors, who handle cases, break the glass), never the two closed categories;
# region limits hold for inspectors given regions, as for every role.
COORDINATION COORDINATOR     | EMERGENCY         | adult                 | LABOUR_CASE     | EMERGENCY
LABOUR_INSPECTION INSPECTOR  | EMERGENCY         | adult                 | IDENTITY        | EMERGENCY
LABOUR_INSPECTION INSPECTOR  | EMERGENCY         | adult                 | HEALTH_DETAIL   | FORBIDDEN
LABOUR_INSPECTION INSPECTOR @NORTH | LABOUR_INSPECTION | adult          | LABOUR_CASE     | FORBIDDEN
LABOUR_INSPECTION INSPECTOR @NORTH | LABOUR_INSPECTION | adult @NORTH   | LABOUR_CASE     | OWN_RECORDS

# Region limits: local staff read only victims the registry places in one of their regions ...
COORDINATION COORDINATOR @OSLO       | CASE_COORDINATION | adult        | IDENTITY        | OWN_RECORDS
COORDINATION COORDINATOR @NORTH,OSLO | CASE_COORDINATION | adult        | CASE_STATUS     | OWN_RECORDS
COORDINATION COORDINATOR @NORTH      | CASE_COORDINATION | adult        | IDENTITY        | FORBIDDEN
COORDINATION COORDINATOR @NORTH      | CASE_COORDINATION | adult        | CONSENT         | FORBIDDEN
COORDINATION COORDINATOR @NORTH      | CASE_COORDINATION | adult        | ACCESS_LOG      | FORBIDDEN
COORDINATION COORDINATOR @NORTH      | CASE_COORDINATION | adult @NORTH | IDENTITY        | OWN_RECORDS
COORDINATION COORDINATOR @NORTH      | CASE_COORDINATION | adult @NORTH +c-coord-broad | SOCIAL | CONSENT:c-coord-broad
COORDINATION COORDINATOR @OSLO       | CASE_COORDINATION | adult @NORTH +c-coord-broad | SOCIAL | FORBIDDEN
COORDINATION CASEWORKER @EAST        | CASE_COORDINATION | unregistered | IDENTITY        | FORBIDDEN
COORDINATION CASEWORKER @EAST        | CASE_COORDINATION | adult @EAST  | IDENTIFICATION  | OWN_RECORDS
COORDINATION CASEWORKER @EAST        | CASE_COORDINATION | adult @WEST  | IDENTIFICATION  | FORBIDDEN
POLICE INVESTIGATOR @NORTH           | INVESTIGATION     | investigated | IDENTITY        | FORBIDDEN
POLICE INVESTIGATOR @NORTH           | INVESTIGATION     | adult        | POLICE_CASE     | FORBIDDEN
POLICE INVESTIGATOR @OSLO            | INVESTIGATION     | investigated | IDENTITY        | LEGAL_RULE:POLICE_OWN_INVESTIGATION
POLICE INVESTIGATOR @SOUTH           | INVESTIGATION     | adult +c-police | CASE_STATUS  | FORBIDDEN
SOCIAL_SERVICES CASEWORKER @WEST     | SOCIAL_ASSISTANCE | adult +c-social | IDENTITY     | FORBIDDEN
SOCIAL_SERVICES CASEWORKER @WEST     | SOCIAL_ASSISTANCE | adult        | SHELTER_LOCATION| FORBIDDEN
CHILD_WELFARE CASEWORKER @MID        | CHILD_PROTECTION  | minor        | IDENTITY        | FORBIDDEN
CHILD_WELFARE CASEWORKER @OSLO       | CHILD_PROTECTION  | minor        | IDENTITY        | LEGAL_RULE:CHILD_WELFARE_MINORS
HEALTH CLINICIAN @SOUTH              | CARE              | adult        | HEALTH_DETAIL   | FORBIDDEN
HEALTH CLINICIAN @OSLO,SOUTH         | CARE              | adult        | HEALTH_DETAIL   | OWN_RECORDS
NGO NGO_WORKER @NORTH                | SOCIAL_ASSISTANCE | ngo +c-ngo   | IDENTITY        | FORBIDDEN
AUDIT AUDITOR @NORTH                 | AUDIT             | adult        | ACCESS_LOG      | FORBIDDEN
# ... national staff are not limited (a victim unknown to the registry is decided by the other rules) ...
COORDINATION COORDINATOR             | CASE_COORDINATION | adult @NORTH | IDENTITY        | OWN_RECORDS
COORDINATION COORDINATOR             | CASE_COORDINATION | unregistered | IDENTITY        | OWN_RECORDS
POLICE INVESTIGATOR                  | INVESTIGATION     | unregistered | IDENTITY        | CONSENT_REQUIRED
# ... the limit does not concern fields about no victim ...
SOCIAL_SERVICES CASEWORKER @WEST     | SOCIAL_ASSISTANCE | directory    | SHELTER_LOCATION| OWN_RECORDS
POLICE INVESTIGATOR @WEST            | INVESTIGATION     | directory    | SHELTER_LOCATION| FORBIDDEN
# ... and an emergency lifts it (still flagged for review), but not the two closed categories.
COORDINATION COORDINATOR @NORTH      | EMERGENCY         | adult        | IDENTITY        | EMERGENCY
COORDINATION COORDINATOR @NORTH      | EMERGENCY         | adult        | SHELTER_LOCATION| EMERGENCY
COORDINATION COORDINATOR @NORTH      | EMERGENCY         | adult        | HEALTH_DETAIL   | FORBIDDEN
COORDINATION COORDINATOR @NORTH      | EMERGENCY         | adult        | ACCESS_LOG      | FORBIDDEN
POLICE INVESTIGATOR @EAST            | EMERGENCY         | unregistered | IDENTITY        | EMERGENCY
HEALTH CLINICIAN @SOUTH              | EMERGENCY         | adult        | IMMIGRATION     | EMERGENCY
COORDINATION COORDINATOR @NORTH      | EMERGENCY(short)  | adult        | IDENTITY        | FORBIDDEN
`;
