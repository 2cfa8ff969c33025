#!/usr/bin/env python3
"""Write responses.csv, verba's synthetic consultation export.

The consultation is invented: "Applying the Seven Principles of Public Life to
providers of public services", run by a fictional Department for Community
Justice in spring 2014.  Every answer is composed at random from the sentence
fragments below, all of them written for verba; nothing is taken from a real
consultation.

The output is deterministic: the random generator has a fixed seed and the
script uses nothing but the Python 3 standard library, so running

    python3 make-responses.py

again rewrites responses.csv byte for byte.  Rows end with CRLF (the csv
module's default, as in most survey-tool exports); line breaks inside an
answer are LF.
"""

import csv
import datetime
import os
import random

SEED = 20140314
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "responses.csv")

HEADER = ["Response ID", "Submitted", "Respondent type", "Region",
          "Q1 Contracts", "Q2 Openness", "Q3 Complaints", "Q4 Costs",
          "Q5 Other"]
QUESTIONS = ["q1", "q2", "q3", "q4", "q5"]

# --------------------------------------------------------------------------
# Respondent types: what people typed into the form's free-text box.  Every
# variant here is listed in responses.map, folding into one declared type.
# The first variant of each list is the most common.
# --------------------------------------------------------------------------
TYPE_VARIANTS = {
    "probation_trusts": [
        ("Probation Trust", 10), ("probation trust", 4), ("PROBATION TRUST", 1),
        ("probation trust staff", 4), ("Probation Trust staff", 2),
        ("NPS / probation", 3), ("NPS/Probation", 1), ("Probation service", 2),
        ("probation", 1),
    ],
    "local_authorities": [
        ("Local Authority", 10), ("local authority", 3), ("local council", 4),
        ("Local Council", 2), ("LA", 3), ("Council", 2), ("County Council", 3),
        ("district council", 2), ("Local government", 2), ("Local Authority ", 1),
    ],
    "voluntary_sector": [
        ("Charity", 10), ("charity", 5), ("voluntary org", 4),
        ("Voluntary organisation", 5), ("VCS", 3), ("VCS organisation", 2),
        ("Voluntary and community sector", 3), ("Third sector", 2),
        ("charity / voluntary", 2), ("Social enterprise", 2),
        ("Voluntary sector - charity", 1),
    ],
    "private_providers": [
        ("Private provider", 10), ("private provider", 3), ("Ltd company", 4),
        ("Ltd. company", 1), ("Private company", 4), ("Private sector", 3),
        ("Business", 2), ("Private sector provider", 2), ("Company", 1),
    ],
    "professional_bodies": [
        ("Professional body", 10), ("professional body", 3),
        ("Professional association", 4), ("Membership body", 2),
        ("Professional Body (national)", 1),
    ],
    "trade_unions": [
        ("Trade Union", 10), ("trade union", 4), ("union", 4), ("Union", 2),
        ("Trade union branch", 2), ("TU", 1),
    ],
    "individuals": [
        ("member of the public", 10), ("Member of the public", 8),
        ("Individual", 10), ("individual", 4), ("Private individual", 3),
        ("Member of public", 2), ("Myself", 1), ("Public", 1),
        ("member of the public ", 1), ("INDIVIDUAL", 1),
    ],
}

# Deliberately left out of responses.map: verba should list them as unmapped.
ODD_TYPES = ["Parish council", "Other (please specify)", "Magistrate"]

# How many organic (non-campaign) responses of each type.
ORGANIC_COUNTS = [
    ("probation_trusts", 32), ("local_authorities", 34),
    ("voluntary_sector", 60), ("private_providers", 30),
    ("professional_bodies", 20), ("trade_unions", 22), ("individuals", 105),
    ("Parish council", 4), ("Other (please specify)", 2), ("Magistrate", 1),
]
# Which declared type's voice an odd respondent writes in.
ODD_VOICE = {"Parish council": "local_authorities",
             "Other (please specify)": "individuals",
             "Magistrate": "individuals"}

REGIONS = ["North East", "North West", "Yorkshire and the Humber", "Midlands",
           "London", "South East", "South West", "National"]
REGION_WEIGHTS = {
    # national bodies answer for England as a whole more often than not
    "professional_bodies": [1, 1, 1, 1, 2, 1, 1, 12],
    "trade_unions": [2, 2, 2, 2, 2, 1, 1, 8],
    "private_providers": [2, 2, 2, 3, 3, 3, 2, 5],
    "default": [3, 5, 4, 6, 7, 6, 4, 1],
}

ORG_TYPES = {"probation_trusts", "local_authorities", "voluntary_sector",
             "private_providers", "professional_bodies", "trade_unions"}

# --------------------------------------------------------------------------
# Slots that vary inside fragments.
# --------------------------------------------------------------------------
SERVICES = [
    "probation", "community payback", "unpaid work schemes",
    "drug and alcohol services", "housing support", "employment programmes",
    "youth offending work", "electronic monitoring", "resettlement services",
    "victim support", "adult social care", "approved premises",
    "mentoring schemes", "domestic abuse programmes",
]
# services whose results are measured in reoffending
JUSTICE_SERVICES = ["probation", "community payback", "unpaid work schemes",
                    "youth offending work", "resettlement services",
                    "mentoring schemes", "domestic abuse programmes"]
CONTRACT_VALUES = ["£40,000", "£75,000", "£120,000", "£250,000", "£500,000",
                   "£1.2 million"]
COST_THOUSANDS = ["2", "3", "4", "5", "8", "12", "15"]

# --------------------------------------------------------------------------
# Stance openers.  {topic} is a question's subject phrase.
# --------------------------------------------------------------------------
TOPICS = {
    "q1": [
        "the proposal to write the Seven Principles into contracts",
        "a contractual requirement to adopt the principles",
        "requiring providers to sign up to the principles",
        "making the principles a condition of contract",
        "the proposal in question 1",
        "extending the principles to contracted providers",
        "the contract requirement",
    ],
    "q2": [
        "extending freedom of information to providers",
        "the proposals in this section",
        "publishing performance data for contracted services",
        "the proposed publication requirements",
        "what is proposed in question 2",
        "the approach to information set out in the document",
    ],
    "q3": [
        "a single route for complaints",
        "the proposals on complaints",
        "giving the ombudsman jurisdiction over providers",
        "the complaints proposals",
        "a common complaints procedure for all providers",
        "what is proposed in question 3",
    ],
    "q4": [
        "the proposed light-touch regime for small providers",
        "a threshold for small contracts",
        "the proposals as they affect small providers",
        "the Department's approach to small and voluntary providers",
        "a simplified declaration for small contracts",
    ],
    "q5": ["the proposals as a whole", "the consultation as a whole",
           "the overall direction of the proposals"],
}

OPENERS_ORG = {
    "strong_support": [
        "We strongly agree with {topic}.",
        "We strongly support {topic} and would urge the Department to go further.",
        "Yes. We strongly agree.",
        "We welcome {topic} without reservation.",
        "Our members strongly agree with {topic}.",
        "We strongly support this.",
    ],
    "support": [
        "We support {topic}.",
        "Yes, we support {topic}.",
        "We agree with {topic}.",
        "In principle we support {topic}.",
        "We are broadly supportive of {topic}.",
        "We welcome {topic}.",
        "Yes.",
        "We support this proposal.",
    ],
    "conditional": [
        "We would support {topic} provided that the requirements are proportionate.",
        "We would support this provided that the same rules apply to services run in-house.",
        "We would support {topic} only if the Department meets the additional costs.",
        "We would only support {topic} if it is introduced at the point of re-tender.",
        "Our support is conditional: {topic} must come with clear guidance.",
        "We can support {topic}, but only if commissioners apply it consistently.",
        "We would support this provided that small providers are given time to adjust.",
    ],
    "not_opposed": [
        "We are not opposed to {topic}.",
        "We are not opposed to {topic} in principle, but the detail matters.",
        "We have no objection to {topic}.",
        "We are not opposed to this, although we doubt it will change much.",
    ],
    "mixed": [
        "We have mixed views on {topic}.",
        "Our members have mixed views on {topic}.",
        "On balance, we support {topic}, although some members disagree.",
        "On balance we are not persuaded that {topic} is needed.",
        "There are arguments on both sides of {topic}.",
        "We have mixed views.",
    ],
    "oppose": [
        "We do not support {topic}.",
        "We oppose {topic}.",
        "We disagree with {topic}.",
        "We cannot support {topic} as drafted.",
        "We do not support this proposal.",
    ],
    "strong_oppose": [
        "We strongly oppose {topic}.",
        "We strongly disagree with {topic}.",
        "No. We strongly oppose {topic}.",
    ],
}

OPENERS_PERSON = {
    "strong_support": [
        "I strongly agree.",
        "I strongly agree with {topic}.",
        "Yes, absolutely.",
        "I strongly support {topic}.",
        "Definitely yes.",
    ],
    "support": [
        "I support {topic}.",
        "Yes.",
        "I agree.",
        "Yes, I support this.",
        "I agree with {topic}.",
        "I think this is a good idea.",
    ],
    "conditional": [
        "I would support this provided that it doesn't just become more paperwork.",
        "I would support {topic} only if it is actually enforced.",
        "Yes, but only if someone checks.",
        "I would support this provided that small charities get help.",
    ],
    "not_opposed": [
        "I am not opposed to {topic}.",
        "I'm not opposed to it.",
        "Not against it.",
    ],
    "mixed": [
        "I have mixed views.",
        "On balance, yes.",
        "On balance I think it is a good idea, but I'm not sure it will work.",
        "Mixed feelings about this one.",
    ],
    "oppose": [
        "I do not support {topic}.",
        "No.",
        "I oppose {topic}.",
        "I don't support this.",
    ],
    "strong_oppose": [
        "I strongly oppose {topic}.",
        "No, I strongly disagree.",
    ],
}

STANCES = ["strong_support", "support", "conditional", "not_opposed", "mixed",
           "oppose", "strong_oppose"]
STANCE_WEIGHTS = {
    "probation_trusts":    [25, 35, 20, 5, 10, 5, 0],
    "local_authorities":   [15, 40, 25, 10, 5, 5, 0],
    "voluntary_sector":    [15, 30, 30, 10, 10, 5, 0],
    "private_providers":   [2, 15, 35, 15, 13, 15, 5],
    "professional_bodies": [30, 40, 15, 5, 10, 0, 0],
    "trade_unions":        [60, 30, 5, 0, 5, 0, 0],
    "individuals":         [25, 35, 10, 5, 12, 10, 3],
}
# (type, question) pairs where the stance leans differently
STANCE_OVERRIDES = {
    ("private_providers", "q2"): [0, 10, 30, 10, 15, 25, 10],
    ("voluntary_sector", "q4"): [5, 15, 40, 5, 25, 10, 0],
    ("private_providers", "q3"): [2, 25, 35, 15, 13, 10, 0],
}
OPENER_RATE = {"q1": 0.85, "q2": 0.6, "q3": 0.5, "q4": 0.4, "q5": 0.08}

# --------------------------------------------------------------------------
# Question bodies: sentences any respondent may write, then each type's own.
# --------------------------------------------------------------------------
BODY = {}
BODY["q1"] = {
    "all": [
        "Contracts are the only lever commissioners have once a service has been handed over.",
        "A code that sits outside the contract will be read once and then forgotten.",
        "The principles should appear in the service specification, not just in a schedule at the back.",
        "@Most providers we work with already have a code of conduct, so this would formalise existing practice.",
        "Any contractual clause needs to say what happens when it is breached.",
        "It would be odd if a member of staff was bound by the principles on Friday and not on Monday, simply because the service had been transferred.",
        "Staff who transfer under TUPE should not lose the duties and protections they had in the public sector.",
        "The requirement should flow down to subcontractors, including the small organisations at the end of the supply chain.",
        "Model wording, drafted once by the Department, would save every commissioner writing their own version.",
        "A contract clause is only as good as the monitoring behind it.",
        "@We would expect the principles to apply to the organisation as a whole, not just to the part of it delivering the contract.",
        "Asking for a signature on a declaration is easy; changing behaviour is much harder.",
        "The principles were written for individuals holding office, and some adaptation is needed before they can apply to a company.",
        "Contract managers will need training if they are to judge whether a provider is meeting the standard.",
        "Grant-funded work should be treated in the same way as contracted work.",
        "It should be clear whether the duty falls on the board, on managers or on every employee.",
        "The requirement should be introduced when contracts are re-let rather than by reopening existing agreements.",
        "A short, plain-English statement of what the principles mean in practice would help frontline staff.",
        "Where a service is delivered in partnership, each partner should be covered.",
        "Framework agreements and spot purchasing should not become a loophole.",
        "The same expectations should apply whether the provider is a charity, a mutual or a listed company.",
        "+We see no reason why a provider paid from the public purse should be held to a lower standard than the body that pays it.",
        "+This should be a condition of being awarded a contract, not something negotiated afterwards.",
        "There is a risk that the principles become a box-ticking exercise at tender stage.",
        "Commissioners should be able to take compliance with the principles into account when contracts come up for renewal.",
        "Contracts for {service} run for five years or more, so whatever is agreed at the start matters a great deal.",
        "The principles already sit behind much of what good providers of {service} do day to day.",
        "In {service} the person receiving the service rarely has any choice of provider, which makes standards more important, not less.",
        "The contract should refer to the principles by name so that there is no argument later about what was intended.",
        "Clauses on conduct tend to be buried in long contracts; they need to be visible.",
        '@What one provider described to us as "contract compliance" amounted to a single tick box on a form.',
        "The wording of the seven principles is short, memorable and already widely understood.",
        "It would be sensible to align the requirement with the codes that regulators already apply.",
    ],
    "probation_trusts": [
        "As a Trust we already work to the principles, and it would be strange if the organisations taking on our work did not.",
        "Offender management depends on public confidence, and that confidence will not transfer automatically to new providers.",
        "Our staff have told us they want the values of the service to survive the transfer.",
        "The split between the national service and the new companies makes shared standards across both essential.",
        "Risk assessment decisions affect public safety, and whoever makes them should be bound by the same code.",
        "Trust boards have operated under these principles for years; the new owners should sign up to them on day one.",
        "Our Trust currently supervises around {cases} people in the community, and each of them is entitled to the same standard of service.",
    ],
    "local_authorities": [
        "As a commissioner we already include a conduct clause in our larger contracts, and would welcome national wording.",
        "Councils are subject to the principles through their members' code, so it is consistent to extend them to providers.",
        "We let over two hundred contracts a year and cannot negotiate bespoke clauses for each of them.",
        "The council's contract standing orders would need to be updated, which we would be happy to do.",
        "Local authorities should have discretion over how the requirement is applied to very small contracts.",
        "We would like the wording to work for social care as well as for justice services.",
    ],
    "voluntary_sector": [
        "Many charities already subscribe to a code of governance that covers much of the same ground.",
        "Our trustees would have no difficulty signing up to the principles; our concern is how compliance would be judged.",
        "Voluntary organisations come into this work because of their values, and the principles fit those values well.",
        "Small charities are often subcontractors, so the way the requirement flows down the supply chain matters to us.",
        "The sector should not be asked to prove its values in ways that larger organisations can simply buy in.",
        "We have worked with people leaving prison for over twenty years, long before this work was ever put out to tender.",
    ],
    "private_providers": [
        "-Private providers already operate under extensive contractual obligations, and a further layer of requirements may add little.",
        "We would want the same clause to apply to public sector bidders, so that no one gains an advantage.",
        "Our company has its own code of business conduct, which we believe meets or exceeds the principles.",
        "-Contract terms should be specific and measurable; broad statements of values are hard to price and hard to enforce.",
        "If the principles are to become contractual, the Department must define what a breach looks like.",
        "Shareholders and commissioners both expect us to deliver, and the two need not be in conflict.",
        "We employ over {staff} people on public contracts and already train all of them in our code of conduct.",
    ],
    "professional_bodies": [
        "Our code of ethics for members already reflects each of the seven principles.",
        "Practitioners working for contracted providers remain bound by our professional standards whoever employs them.",
        "A professional register offers a further safeguard that sits alongside any contract clause.",
        "We would be glad to work with the Department on guidance for members employed by providers.",
    ],
    "trade_unions": [
        "Our members transferred to new employers on the understanding that the ethos of the service would be protected.",
        "Contracts are currently written to protect the provider's commercial position, not the public.",
        "We have seen contracts let with no meaningful conditions on conduct at all.",
        "Staff must be able to raise concerns without fear for their jobs, and the contract should say so.",
        "The principles should be a floor, not a ceiling.",
        "Outsourcing has been carried out at great speed and the safeguards have not kept up.",
    ],
    "individuals": [
        "+If they take public money they should follow public rules.",
        "I didn't know they weren't already covered by this.",
        "+Of course they should.",
        "+Anyone running a service for the public should sign up to this.",
        "+It should be in the contract, otherwise it means nothing.",
        "I worked for a contractor for six years and nobody ever mentioned standards of conduct.",
        "+Put it in writing and make them stick to it.",
        "Not sure a piece of paper changes how companies behave, but it is better than nothing.",
        "These companies are running services my family relies on.",
        "+Why would anyone object to this?",
        "-It will just be more red tape.",
        "-Companies will sign anything to win a contract, so this will change nothing.",
        "-The principles are meant for politicians, not for people running a hostel.",
    ],
}
BODY["q2"] = {
    "all": [
        "+Freedom of information should follow the public pound.",
        "Information about contracted services should be as easy to obtain as information about services run directly.",
        "+The Department should release the full text of contracts, with only narrowly defined redactions.",
        "Performance data should be published quarterly and in a format people can actually use.",
        "+Commercial confidentiality is too often used to withhold information that the public has a right to see.",
        "A duty to publish should cover outcomes, complaints and staffing levels, not only headline targets.",
        "Requests could be routed through the commissioning body, which would limit the burden on small providers.",
        "+Extending the Act directly to providers would be cleaner than relying on contract clauses.",
        "Published figures are only useful if they are comparable between providers.",
        "People should be able to find out who runs their local service and how well it is doing.",
        "There is a balance to strike between openness and protecting genuinely sensitive commercial information.",
        "Some information, for example about individual offenders or victims, must never be released.",
        "A single website listing every contract, its value and its results would be a good start.",
        "League tables can mislead if they take no account of the people each provider works with.",
        "Pricing becomes much less sensitive once a contract has been awarded.",
        "The exemption for commercial interests should be time-limited.",
        "+Information should be released by default rather than on request.",
        "Commissioners should hold the information and be responsible for releasing it.",
        "At present a request about a contracted service is often met with the answer that the information is not held.",
        "We would like to see subcontract values made available as well as the value of the main contract.",
        "Providers should produce an annual statement on how they have met the principles.",
        "Figures should be broken down by local area, so that people can compare places.",
        "Payment-by-results contracts make performance figures especially important, because payments depend on them.",
        "The cost of answering requests should be recognised in the contract price.",
        "Figures that are not independently checked will not be trusted.",
        "+Ministers should not be able to hide poor performance behind a provider's commercial interests.",
        "The rules for {service} should be no less demanding than they were before the service was contracted out.",
        "For {jservice}, the key figures are reoffending, completion rates and complaints, and all three should be public.",
        "+It should not take a formal request to find out basic facts about a local service.",
        "Equality monitoring should be part of any reporting requirement.",
        '+The phrase "commercially sensitive" should not be a trump card.',
        "Requests should be answered within the same twenty working days that apply to public bodies.",
    ],
    "probation_trusts": [
        "Trusts are already subject to freedom of information and have found the duty manageable.",
        "We currently publish our performance figures each quarter, and the new providers should do the same.",
        "Losing the right to ask questions of the service would be a step backwards for victims and local partners.",
        "Figures on breaches, recalls and reoffending should be reported in the same form across all areas.",
        "Last year our Trust answered {foi} requests, most of them from journalists and local councillors.",
    ],
    "local_authorities": [
        "+Councils publish spending over £500 and there is no reason why providers could not do the same for public funds.",
        "Our experience of the transparency code is that publication soon becomes routine.",
        "We receive requests about contracted services and often have to go back to the provider, which causes delay.",
        "Contract registers are already kept by most councils and could be extended to show performance.",
    ],
    "voluntary_sector": [
        "Small charities already file accounts with the Charity Commission and should not be asked to duplicate them.",
        "We are happy to share information but do not have a member of staff who could handle formal requests.",
        "Any duty should bite hardest on the largest contracts, where most public money is spent.",
        "Figures should be presented in a way that tells the story behind the numbers, not just the numbers.",
        "We run a café-based drop-in, staffed largely by volunteers, and could not cope with formal information requests.",
    ],
    "private_providers": [
        "We accept that information about contract performance should be available to the public.",
        "-Disclosure of pricing models and methods would damage competition and ultimately increase costs to the taxpayer.",
        "-Any extension of freedom of information should be through the contract, with commissioners handling requests.",
        "We already provide commissioners with extensive management information every month.",
        "-Release should be limited to information that is not commercially sensitive, as defined in the contract.",
        "Providers need certainty about what will be released and when.",
        "-Our bids contain methods we have developed over many years at our own expense.",
    ],
    "professional_bodies": [
        "Practitioners need to be able to speak about their work without breaching confidentiality clauses.",
        "The profession has a strong interest in comparable figures on outcomes.",
        "Gagging clauses in employment contracts are incompatible with the principles.",
    ],
    "trade_unions": [
        "+The Act should be extended in full to any body delivering a public service under contract.",
        'Our members report that concerns raised with new employers are answered with "that is commercially confidential".',
        "+The public deserves to know how much profit is being made from the services they pay for.",
        "Whistleblowing protections must be clearly extended to staff of contractors and subcontractors.",
    ],
    "individuals": [
        "I should be able to find out how a service is doing without writing to anyone.",
        "+Publish everything. It's our money.",
        "I asked for information about a service last year and was told it was commercially sensitive.",
        "Most people don't know who runs these services now.",
        "+Just put the figures online.",
        "I don't really understand freedom of information but I think companies should have to answer questions.",
        "The information is there, it just isn't shared.",
    ],
}
BODY["q3"] = {
    "all": [
        "Service users should have one clear place to complain, whoever runs the service.",
        "+The ombudsman should have jurisdiction over contracted services in the same way as over services run directly.",
        "Complaints procedures should be easy to find and written in plain language.",
        "People should not have to work out who the provider is before they can complain.",
        "Commissioners should receive regular reports of complaints and how they were resolved.",
        "There should be a right to take a complaint to the commissioning body if the provider's response is unsatisfactory.",
        "Complaints are a valuable source of learning and should be treated as such, not as a threat.",
        "The contract should set time limits for responding to complaints.",
        "Complaints about serious misconduct should be referred to an independent body.",
        "The people using these services are often reluctant to complain and need support to do so.",
        "Advocacy services have an important role in helping people make complaints.",
        "Complaint numbers should form part of the published performance data.",
        "Providers should be required to cooperate fully with any investigation by the ombudsman.",
        "Where a complaint crosses more than one provider, someone must take the lead.",
        "Repeated failures should lead to contractual penalties and, in the end, the loss of the contract.",
        "The route for complaints must work for people with learning disabilities and people whose first language is not English.",
        "Staff also need a route for raising concerns that bypasses their line management.",
        "A complaint made to a subcontractor should not disappear from view.",
        "The current arrangements are confusing, with a different route for each provider.",
        "There should be a duty on providers to apologise and put things right when they get it wrong.",
        "The line back to Parliament should not be lost simply because a service is delivered under contract.",
        "Local councillors and MPs need to be able to get answers about services in their area.",
        "+The ombudsman's recommendations should be binding on providers.",
        "Contract managers should meet providers regularly to review complaints and trends.",
        "Whoever runs {service}, the complaints process should look the same to the person using it.",
        "In {service} many complaints are about poor communication rather than the service itself.",
        "A named person in each provider should be responsible for complaints.",
        "Anonymous complaints should be taken seriously and investigated.",
        "It is a cliché, but a complaint handled well can restore confidence in a service.",
        "A complaint should be acknowledged within days – not weeks.",
    ],
    "probation_trusts": [
        "Offenders and victims currently have access to the Prisons and Probation Ombudsman, and that must continue.",
        "Victims in particular need confidence that a complaint will be dealt with properly, whoever supervises the offender.",
        "Where a serious further offence occurs, the review must cover the provider as well as the national service.",
        "We receive relatively few complaints, but each one is reviewed by a senior officer.",
    ],
    "local_authorities": [
        "The Local Government Ombudsman already deals with complaints about services councils commission, and that model works.",
        "Councillors frequently take up complaints on behalf of residents and must be able to get answers from providers.",
        "We would not want a separate complaints system for every contract.",
        "Our corporate complaints team could act as a single front door for commissioned services.",
    ],
    "voluntary_sector": [
        "Our clients are often distrustful of authority and may not complain at all unless the process feels safe.",
        "Small organisations handle complaints informally and well; a heavy formal process would not improve this.",
        "Advocacy should be funded as part of the contract.",
        "Peer mentors are often the first to hear about a problem, and they need a way to pass it on.",
    ],
    "private_providers": [
        "We operate a robust complaints process and report all complaints to the commissioner monthly.",
        "We would support access to the ombudsman provided that it applies equally to all providers.",
        "Sanctions should be proportionate and linked to clearly defined failures.",
        "-The contract is the proper route for remedies; a second, parallel route would create confusion.",
        "Most complaints we receive are resolved at the first stage, within ten working days.",
    ],
    "professional_bodies": [
        "Complaints about a practitioner's professional conduct should continue to come to the professional body.",
        "Clear lines between contractual complaints and professional misconduct would help everyone.",
        "Employers should tell the professional body when a member is dismissed for misconduct.",
    ],
    "trade_unions": [
        "Staff are too often blamed for failures that stem from staffing cuts made to protect margins.",
        "Responsibility must reach the boardroom, not stop at the frontline worker.",
        "Providers who fail should not be allowed to bid for the next contract.",
        "Our members should be free to support a service user's complaint without being disciplined for it.",
    ],
    "individuals": [
        "I complained about a service last year and was passed between three organisations.",
        "Nobody seems to know who is responsible when things go wrong.",
        "Make it simple. One phone number.",
        "They should have to answer to someone independent.",
        "My complaint was never answered.",
        "There should be consequences when they get it wrong.",
        "My son's supervision was moved to a new company and his complaint just vanished.",
    ],
}
BODY["q4"] = {
    "all": [
        "The costs of compliance will fall disproportionately on small providers.",
        "A proportionate approach is needed, with requirements that scale with the size of the contract.",
        "Model policies and templates produced centrally would reduce the burden considerably.",
        "Training for staff would be the main cost, and could be provided free of charge online.",
        "Handling requests for information could cost a small organisation several thousand pounds a year.",
        "Commissioners should take on the administrative burden wherever possible.",
        "The costs of compliance should be included in the contract price rather than absorbed by providers.",
        "-There is a real risk that small providers will simply stop bidding.",
        "A threshold should be set below which only a simplified declaration is required.",
        "+Compliance costs are small compared with the cost of a failure in standards.",
        "+Much of what is proposed is already good practice and should cost little.",
        "Reporting requirements should be aligned so that information is collected once and used many times.",
        "Small organisations do not have compliance departments; every hour spent on paperwork is an hour not spent with clients.",
        "The Department should carry out an impact assessment that looks specifically at small and voluntary providers.",
        "Consortium bids could share the cost of compliance among members.",
        "The largest providers will absorb these costs easily, which could further concentrate the market.",
        "@We estimate that the proposals would add around £{k},000 a year to our running costs.",
        "@For a contract worth {value}, the cost of compliance would be a significant share of the margin.",
        "Costs would be highest in the first year and then fall as procedures become routine.",
        "Guidance should be written for people without a legal background.",
        "Any new requirement should be reviewed after two years to check the burden it has created.",
        "Grant-funded projects should be exempt from the more formal requirements.",
        "A shared helpline for small providers would be more efficient than each organisation seeking its own advice.",
        "It would help if commissioners accepted evidence already supplied to other funders.",
        "The costs for {service} providers, many of which are small, need particular attention.",
        "-Insurance and legal costs could rise if the principles become enforceable contract terms.",
        "+We do not believe the costs are significant.",
        "@We cannot estimate the cost until we see the final wording.",
        "@Costs – particularly legal costs – would be significant for organisations of our size.",
        "Pre-qualification questionnaires already run to dozens of pages, and this must not add to them.",
    ],
    "probation_trusts": [
        "Many of the supply-chain partners we work with are small charities with a handful of staff.",
        "The Trust's own compliance costs would be modest because the systems are already in place.",
        "Small partners delivering specialist work with women and young adults would be hit hardest.",
    ],
    "local_authorities": [
        "As commissioners we would need additional resources to monitor compliance across our contracts.",
        "Our local market work shows that small providers are already deterred by the cost of tendering.",
        "We would support a national toolkit that councils could share with providers.",
        "A typical contract in our area is worth less than {value}, so proportionality is essential.",
    ],
    "voluntary_sector": [
        "Our organisation has three paid staff and a turnover of around {value}; we could not absorb new compliance costs.",
        "Volunteers make up much of our workforce, and any training requirement must take account of that.",
        "Full cost recovery is rarely achieved in contracts, so any new cost will come out of reserves.",
        "Infrastructure bodies could support small organisations if they were funded to do so.",
        "We want to do the right thing, but we need help to show that we are doing it.",
        "Last year we spent more on bid writing than on our volunteer training budget.",
    ],
    "private_providers": [
        "Larger providers are well placed to absorb the costs, but they will be reflected in prices.",
        "Costs arise mainly from legal review of contract terms and changes to systems.",
        "We would be willing to share our policies with smaller partners in our supply chain.",
        "Information requests could be used by competitors to obtain commercial information, at cost to us.",
    ],
    "professional_bodies": [
        "Continuing professional development already covers ethics, so additional training costs should be small.",
        "We could provide guidance to members at no cost to providers.",
    ],
    "trade_unions": [
        "The cost of poor standards falls on staff and service users, not on shareholders.",
        "Savings made by squeezing staff are a false economy.",
        "+Arguments about cost should not be used to water down the proposals.",
    ],
    "individuals": [
        "Don't know.",
        "Small charities should get help with this.",
        "+If they can't afford to follow basic standards they shouldn't be running public services.",
        "+The big companies can afford it.",
        "I'm worried the small local groups will lose out to the big firms.",
        "+Cost shouldn't be an excuse.",
        "I volunteer for a small charity and we are already drowning in forms.",
    ],
}
BODY["q5"] = {
    "all": [
        "@We would welcome the opportunity to discuss our response with officials.",
        "Thank you for the opportunity to respond to this consultation.",
        "We hope the Department will publish a summary of the responses.",
        "The timetable for implementation seems very tight.",
        "The proposals should be reviewed after the first round of contracts.",
        "We would encourage the Department to hear from service users directly, not only from organisations.",
        "The consultation document was long and some questions were difficult to answer.",
        "Guidance should be produced in an easy-read version.",
        "@We are happy for our response to be published.",
        "%Please do not publish my name.",
        "It would help to pilot the approach in a few areas first.",
        "The principles should also apply to the Department itself when it commissions services.",
        "The same approach should be taken across government, not just in this sector.",
        "@We have sent a fuller response by email.",
        "@We would be happy to share examples of good practice from our area.",
        "A single set of standards would be easier to follow than several overlapping codes.",
        "The Department should say how it will measure whether the change has worked.",
        "The views of frontline staff should be sought as the proposals are developed.",
        "@The Department’s online form cut off part of our answer to question 2.",
        "Please consider the position of providers who work across more than one commissioning area.",
    ],
    "probation_trusts": [
        "The Trust would be glad to share its experience of working to the principles with the new providers.",
        "We are concerned that the pace of the reforms leaves little time to get this right.",
    ],
    "local_authorities": [
        "Local partnerships, such as community safety partnerships, should be consulted on implementation.",
        "We would like the Department to work with the Local Government Association on the detail.",
    ],
    "voluntary_sector": [
        "We would like to see a voluntary sector representative on any implementation group.",
        "The sector has a great deal to offer, if contracts are designed so that small organisations can take part.",
    ],
    "private_providers": [
        "We look forward to working with the Department on the detail of the contract terms.",
        "Consistency across government departments would reduce costs for providers and commissioners alike.",
    ],
    "professional_bodies": [
        "Our members would welcome a clear statement of how professional and contractual duties fit together.",
    ],
    "trade_unions": [
        "We remain opposed to the wider programme of outsourcing, whatever safeguards are attached to it.",
        "Staff morale is at a low point and the Department should take that seriously.",
    ],
    "individuals": [
        "Thanks for asking.",
        "Please actually listen to the responses.",
        "I hope this makes a difference.",
        "Keep public services public.",
        "I have been on probation myself and the people who helped me most were the ones who were straightforward with me.",
    ],
}

# Short answers that carry no content.
FILLERS = {
    "q1": ["See above.", "Agree.", "Yes", "yes", "No comment.", "N/A"],
    "q2": ["See answer to Q1.", "As above.", "n/a", "No comment.", "-", "Agree"],
    "q3": ["As above.", "See Q1.", "No comment", "n/a", "-"],
    "q4": ["Don't know", "n/a", "No view.", "-", "Not applicable to us."],
    "q5": ["No.", "No further comments.", "Nothing to add.", "None.", "no"],
}

# --------------------------------------------------------------------------
# Sentences about each principle, in the words respondents use.  How often a
# respondent type reaches for each principle is set in PRINCIPLE_WEIGHTS.
# --------------------------------------------------------------------------
PRINCIPLES = ["selflessness", "integrity", "objectivity", "accountability",
              "openness", "honesty", "leadership"]
PRINCIPLE_SENTENCES = {
    "selflessness": [
        "Public services exist for the people who use them, and decisions should be taken in the public interest.",
        "The test should always be what is in the best interests of service users.",
        "!Providers must put service users first, ahead of shareholders.",
        "!It should be people before profit, every time.",
        "Services should be person centred, built around the needs of the individual.",
        "!We worry that some providers are in it for the money rather than for the community.",
        "Staff in this sector are overwhelmingly motivated by the public good, and contracts should protect that.",
        "A provider's interests and the public interest will not always coincide.",
        "!The idea of selflessness sits uneasily with a business model built on maximising returns.",
        "In {service}, decisions should be made in the best interests of the people on the receiving end.",
        "!Too often the commercial interest of the provider comes ahead of the interests of the community.",
        "Whoever delivers the service, it must put users first.",
        "Selfless public service is not the preserve of the public sector; many charities embody it.",
        "The public interest should be written into the purpose of every contract.",
        "!Any surplus should be reinvested for the common good rather than paid out.",
    ],
    "integrity": [
        "Providers must declare any conflicts of interest, including links between their directors and subcontractors.",
        "Staff should not accept gifts or hospitality from anyone seeking to influence them.",
        "There must be a register of interests for the boards of providers.",
        "We have seen the same people sit on a commissioning panel and on the board of a bidder, which is a clear conflict of interest.",
        "Anyone involved in fraud should be barred from public contracts.",
        "Recent cases of overcharging on public contracts show why integrity must be tested, not assumed.",
        "Everything should be done above board, with no side deals.",
        "Staff should be free to follow the rules even when that costs the company money.",
        "Integrity is about what people do when nobody is watching, and no contract can fully capture that.",
        "Hospitality offered to commissioners by bidders should be declared.",
        "The risk of corruption rises when large sums are moved to organisations that nobody checks.",
        "Former officials who move to jobs with providers should have to declare their interests and wait before taking up the post.",
        "There should be no question of anyone lining their own pockets from services for vulnerable people.",
        "Probity in procurement matters as much as conduct in delivery.",
        "Providers of {service} must not be allowed to cut corners to protect their margins.",
    ],
    "objectivity": [
        "Decisions about who receives a service should be made impartially and on merit.",
        "Procurement must be fair and be seen to be fair.",
        "A level playing field between public, private and voluntary bidders is essential.",
        "Assessments should be evidence based and free from bias.",
        "Staff should give their advice to courts objectively, whatever the commercial pressures on their employer.",
        "There must be no discrimination against service users with complex needs who are expensive to support.",
        "Payment-by-results creates an incentive to pick the easiest cases, which undermines impartial decision-making.",
        "Contracts should be awarded on merit, not on the size of the bidder's bid-writing team.",
        "There must be no favouritism towards large providers simply because they can carry more risk.",
        "Objectivity matters most where the provider also gains from the outcome of its own assessment.",
        "Commissioners need to be able to show that tender evaluations were unbiased.",
        "Providers must treat everyone equally, whatever their background.",
        "We would like decisions on {service} to be based on evidence rather than on cost alone.",
        "Small local bidders are at an unfair disadvantage in the current process.",
    ],
    "accountability": [
        "Providers must be accountable to the public, not only to their shareholders or trustees.",
        "There must be proper scrutiny of how public money is spent once it leaves the Department.",
        "Providers should be subject to independent inspection, like any public body.",
        "Commissioners must be able to hold providers to account for poor performance.",
        "The ability of Parliament to scrutinise spending should not be weakened by contracting out.",
        "Serious failures should carry real consequences, including the loss of the contract.",
        "Someone must be answerable when things go wrong.",
        "The Department cannot contract out its accountability, even if it contracts out delivery.",
        "The National Audit Office should be able to follow the money into providers' accounts.",
        "Providers should take responsibility for their failures rather than blaming their staff or their subcontractors.",
        "Accountability should be clear at every level of the supply chain.",
        "Local scrutiny committees should be able to call providers to give evidence.",
        "A regulator with the power to impose penalties would give the principles teeth.",
        "Providers of {service} should be held to account in exactly the same way as the public bodies they replaced.",
    ],
    "openness": [
        "Openness should be the default, with exceptions clearly justified.",
        "Transparency about contract terms and performance is essential to public trust.",
        "Decisions should not be taken behind closed doors.",
        "Providers should be open with service users about what they can and cannot offer.",
        "Freedom of information should apply to any organisation spending public money.",
        "Providers should publish information about their performance against each contract.",
        "Whistleblowers must be protected, and providers must not use gagging clauses.",
        "The public should be able to see where the money goes.",
        "!There is a culture of secrecy around some contracts that must end.",
        "Transparent reporting would allow commissioners and the public to compare providers.",
        "Information should only be withheld where there is a clear and lawful reason.",
        "Commissioners should explain the reasons for their decisions when contracts are awarded.",
        "Openness about mistakes is the best way to learn from them.",
        "Families need to be kept informed about decisions that affect them.",
    ],
    "honesty": [
        "Providers must be honest about what they can deliver when they bid.",
        "Bids that promise more than can be delivered are a form of dishonesty.",
        "Performance reports should be truthful, even when the news is bad.",
        "Honesty with service users, particularly when things go wrong, should be a requirement.",
        "There should be a duty of candour, so that providers tell people straight when mistakes are made.",
        "Misleading statements to commissioners or to the public should be treated as a breach of contract.",
        "People using these services deserve straight answers.",
        "We need providers to be honest with the people they serve, and with their own staff.",
        "Positive spin has no place in reporting on public services.",
        "!Targets encourage gaming of the figures, which is a form of dishonesty.",
        "Staff should never be pressed to mislead inspectors about the figures.",
        "If a target is missed, the provider should report it honestly rather than quietly redefine the target.",
        "Honest, accurate information is the basis of any relationship of trust.",
        "Being truthful with victims about what has happened is essential.",
    ],
    "leadership": [
        "The principles must be championed by the board and senior management, not delegated to a compliance officer.",
        "Culture is set from the top, and leaders must model the behaviour they expect.",
        "Chief executives of providers should sign a personal statement of commitment to the principles.",
        "Good leadership is what turns a code of conduct into everyday practice.",
        "Directors should be personally responsible for ensuring the principles are followed.",
        "Senior leaders must be willing to challenge poor behaviour wherever they find it.",
        "The tone is set at board level.",
        "Those in charge should lead by example.",
        "Commissioners also have a leadership role in promoting the principles across their local market.",
        "Without visible commitment from those at the top, the principles will be ignored.",
        "The board of each provider should appoint a senior manager to lead on standards.",
        "Values have to be embedded by senior managers, not just written down.",
        "Managers need to set an example to their teams.",
    ],
}
# A sentence marked ! criticises providers as a class; providers themselves
# do not write it.
# Relative weights, in the order of PRINCIPLES.
PRINCIPLE_WEIGHTS = {
    "probation_trusts":    [2, 2, 2, 4, 2, 1, 3],
    "local_authorities":   [2, 2, 3, 4, 3, 1, 2],
    "voluntary_sector":    [4, 1, 3, 2, 2, 2, 1],
    "private_providers":   [1, 2, 4, 2, 1, 1, 2],
    "professional_bodies": [2, 4, 2, 2, 2, 2, 4],
    "trade_unions":        [4, 2, 1, 4, 4, 2, 1],
    "individuals":         [3, 3, 1, 3, 2, 4, 1],
}
# Each question draws some principles more than others.
QUESTION_AFFINITY = {
    "q1": {"integrity": 1.5, "leadership": 1.5},
    "q2": {"openness": 2.5, "honesty": 1.3},
    "q3": {"accountability": 2.5, "honesty": 1.3},
    "q4": {"objectivity": 2.0, "selflessness": 1.2},
    "q5": {},
}
# Probability of 0, 1, 2, 3 principle sentences in one answer.
PRINCIPLE_COUNT = {
    "org": [0.35, 0.4, 0.2, 0.05],
    "person": [0.55, 0.35, 0.1, 0.0],
}

CLOSINGS_ORG = [
    "We would be happy to provide further detail.",
    "We return to this point in our answer to question {n}.",
    "These points are developed further in our answer to question {n}.",
    "We would be glad to discuss this with officials.",
    "Our board discussed this question at length.",
]

# Joining words that start a body sentence now and then.
CONNECTIVES = ["In particular, ", "In addition, ", "We would add that ",
               "More generally, ", "Equally, ", "Also, "]

# --------------------------------------------------------------------------
# Campaign A: a template letter for question 1, sent about forty times with
# small edits.  Campaign B: one identical answer to question 4.
# --------------------------------------------------------------------------
CAMPAIGN_A_GREETINGS = ["Dear Sir or Madam,", "Dear Sir/Madam,",
                        "To whom it may concern,", "Dear Minister,",
                        "Hello,", ""]
CAMPAIGN_A_PARAS = [
    "I am writing in response to the consultation on applying the Seven Principles of Public Life to providers of public services.",
    "I strongly agree that every organisation paid to deliver a public service should be required by its contract to follow the Seven Principles. If a company takes over probation, prisons or care, it should be accountable to the public in exactly the same way as the public body it replaced.",
    "People who use these services rarely have any choice about who provides them. That is why openness about performance and honesty when things go wrong matter so much.",
    "Please make this a firm requirement and do not let it be watered down. It should be people before profit.",
]
CAMPAIGN_A_EXTRAS = [
    "My brother was supervised by a private company last year and nobody could tell us who was in charge.",
    "I have worked in the public sector for thirty years and I know how much these standards matter.",
    "I am a volunteer at a local food bank and see the effects of poor services every week.",
    "My mother's care was contracted out and the standard fell sharply.",
    "This is my money as a taxpayer.",
    "I was a magistrate for many years before I retired.",
]
CAMPAIGN_A_TYPOS = [
    ("accountable", "accountible"), ("Principles", "Principals"),
    ("organisation", "organisaton"), ("consultation", "consulation"),
    ("watered", "waterd"), ("exactly", "exacly"), ("strongly", "stronly"),
    ("requirement", "requirment"),
]
CAMPAIGN_A_SIGNOFFS = ["Yours faithfully,\n{name}", "Yours sincerely,\n{name}",
                       "Regards,\n{name}", "{name}", "Thank you.", ""]
FIRST_NAMES = ["Margaret", "David", "Priya", "Tom", "Joan", "Amir", "Kathleen",
               "Gareth", "Zoë", "Peter", "Sandra", "Renée", "Michael", "Aisha",
               "Brian", "Siobhán", "Lewis", "Helen", "Dev", "Carol", "Frank",
               "Yvonne", "Olu", "Jean"]
SURNAMES = ["Hartley", "Okafor", "Bramwell", "Singh", "Pritchard", "Novak",
            "Ashworth", "Kaur", "Molloy", "Dunmore", "Ferris", "Adeyemi",
            "Whitlock", "Rahman", "Thwaite", "Costa", "Lund", "Gallagher"]

CAMPAIGN_B_TEXT = (
    "I support the principles, but I am worried about what this will cost "
    "small local charities. Many of them run on a shoestring, with volunteers "
    "doing the paperwork in the evenings. Please set a threshold – for example "
    "contracts under £100,000 – below which a simple declaration is enough, "
    "and provide free templates and training. Otherwise the only organisations "
    "left standing will be the big national firms."
)

CAMPAIGN_A_SIZE = 40
CAMPAIGN_B_SIZE = 15

# Share of organic answers left empty, per question.
EMPTY_RATE = {"q1": 0.02, "q2": 0.03, "q3": 0.035, "q4": 0.04, "q5": 0.38}
FILLER_RATE = {"q1": 0.02, "q2": 0.04, "q3": 0.04, "q4": 0.04, "q5": 0.12}

START = datetime.date(2014, 3, 10)
END = datetime.date(2014, 6, 2)


def weighted(rng, pairs):
    """One item of [(item, weight), ...]."""
    items = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return rng.choices(items, weights=weights)[0]


def fill(rng, text, q="q1"):
    """Replace the slots of a fragment with random values."""
    return text.format(
        service=rng.choice(SERVICES),
        jservice=rng.choice(JUSTICE_SERVICES),
        value=rng.choice(CONTRACT_VALUES),
        k=rng.choice(COST_THOUSANDS),
        cases=rng.choice(["2,400", "3,100", "4,800", "5,500", "6,200"]),
        staff=rng.choice(["300", "800", "1,500", "2,000"]),
        foi=rng.choice(["forty", "sixty", "over a hundred", "about eighty"]),
        topic=rng.choice(TOPICS[q]),
        n=rng.choice([n for n in "12345" if "q" + n != q]),
    )


def lower_first(s):
    """Lower-case a sentence's first letter, unless it starts with a name."""
    first = s.split(" ", 1)[0]
    if first == "I" or first.isupper() or first in ("Parliament", "Ministers"):
        return s
    return s[:1].lower() + s[1:]


def principle_sentences(rng, voice, q, count_kind):
    """Zero to three sentences about principles, drawn by the type's weights."""
    r = rng.random()
    n, acc = 0, 0.0
    for i, p in enumerate(PRINCIPLE_COUNT[count_kind]):
        acc += p
        if r < acc:
            n = i
            break
    weights = []
    for name, w in zip(PRINCIPLES, PRINCIPLE_WEIGHTS[voice]):
        weights.append(w * QUESTION_AFFINITY[q].get(name, 1.0))
    chosen = []
    for _ in range(n):
        name = rng.choices(PRINCIPLES, weights=weights)[0]
        weights[PRINCIPLES.index(name)] = 0.0
        if sum(weights) == 0:
            break
        pool = [f for f in PRINCIPLE_SENTENCES[name]
                if voice != "private_providers" or not f.startswith("!")]
        chosen.append(fill(rng, rng.choice(pool).lstrip("!"), q))
    return chosen


def opener(rng, voice, q, is_org):
    """A stance sentence and its stance, or (None, None)."""
    if rng.random() >= OPENER_RATE[q]:
        return None, None
    weights = STANCE_OVERRIDES.get((voice, q), STANCE_WEIGHTS[voice])
    stance = rng.choices(STANCES, weights=weights)[0]
    pool = (OPENERS_ORG if is_org else OPENERS_PERSON)[stance]
    if voice not in ("professional_bodies", "trade_unions"):
        pool = [f for f in pool if not f.startswith("Our members")]
    return fill(rng, rng.choice(pool), q), stance


# Marks at the start of a body fragment: + argues for the proposals and
# - against them; @ is written in an organisation's voice and % in a
# person's.
MARKS = "+-@%"


def usable(fragment, stance, is_org):
    """Whether a body fragment fits the stance and the voice."""
    marks = fragment[:len(fragment) - len(fragment.lstrip(MARKS))]
    if "+" in marks and stance in ("oppose", "strong_oppose"):
        return False
    if "-" in marks and stance in ("support", "strong_support"):
        return False
    if "@" in marks and not is_org:
        return False
    if "%" in marks and is_org:
        return False
    return True


def body_sentences(rng, voice, q, n, stance, is_org):
    own = [f for f in BODY[q][voice] if usable(f, stance, is_org)]
    general = [f for f in BODY[q]["all"] if usable(f, stance, is_org)]
    picked = []
    for _ in range(n):
        pool = own if (own and rng.random() < 0.4) else general
        s = fill(rng, rng.choice(pool).lstrip(MARKS), q)
        if s not in picked:
            picked.append(s)
    return picked


def roughen(rng, text):
    """The habits of people typing into a web form."""
    r = rng.random()
    if r < 0.12:
        text = text.lower()
    elif r < 0.22:
        text = text.replace("'", "’")
    if rng.random() < 0.2 and text.endswith("."):
        text = text[:-1]
    if rng.random() < 0.06:
        words = text.split(" ")
        long_words = [i for i, w in enumerate(words) if len(w) > 5 and w.isalpha()]
        if long_words:
            i = rng.choice(long_words)
            w = words[i]
            j = rng.randrange(1, len(w) - 2)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
            text = " ".join(words)
    if rng.random() < 0.05:
        text = text.replace(". ", ".  ", 1)
    return text


def organic_answer(rng, voice, q, is_org):
    """One answer; '' when the respondent skipped the question."""
    if rng.random() < EMPTY_RATE[q]:
        return ""
    if rng.random() < FILLER_RATE[q]:
        return rng.choice(FILLERS[q])
    sentences = []
    first, stance = opener(rng, voice, q, is_org)
    if first:
        sentences.append(first)
    if is_org:
        n_body = rng.choice([1, 2, 2, 3, 3, 4]) if q != "q5" else rng.choice([1, 1, 2])
    else:
        n_body = rng.choice([0, 1, 1, 1, 2]) if q != "q5" else rng.choice([1, 1, 1, 2])
    body = body_sentences(rng, voice, q, n_body, stance, is_org)
    extra = principle_sentences(rng, voice, q, "org" if is_org else "person")
    # principle sentences go among the body sentences, not always last
    for s in extra:
        body.insert(rng.randrange(len(body) + 1), s)
    for i in range(1, len(body)):
        if is_org and rng.random() < 0.12:
            body[i] = rng.choice(CONNECTIVES) + lower_first(body[i])
    sentences.extend(body)
    if is_org and q != "q5" and rng.random() < 0.08:
        sentences.append(fill(rng, rng.choice(CLOSINGS_ORG), q))
    if not sentences:
        pool = [f for f in BODY[q]["all"] if usable(f, stance, is_org)]
        sentences.append(fill(rng, rng.choice(pool).lstrip(MARKS), q))

    if is_org and voice == "professional_bodies" and len(sentences) >= 3 and rng.random() < 0.35:
        # a lead-in and a bulleted list, as pasted from a briefing paper
        lead = sentences[0]
        items = sentences[1:]
        bullet = rng.choice(["- ", "• ", "(a) "])
        if bullet == "(a) ":
            lines = ["(%s) %s" % ("abcdefgh"[i], s) for i, s in enumerate(items)]
        else:
            lines = [bullet + s for s in items]
        return lead + "\n" + "\n".join(lines)
    if is_org and len(sentences) >= 4 and rng.random() < 0.6:
        cut = rng.randrange(2, len(sentences))
        sep = "\n\n" if rng.random() < 0.75 else "\n"
        text = " ".join(sentences[:cut]) + sep + " ".join(sentences[cut:])
        if rng.random() < 0.15:
            text = text.replace("'", "’")
        return text
    text = " ".join(sentences)
    if is_org:
        if rng.random() < 0.15:
            text = text.replace("'", "’")
        return text
    return roughen(rng, text)


def campaign_a_letter(rng):
    paras = list(CAMPAIGN_A_PARAS)
    r = rng.random()
    if r < 0.2:
        del paras[2]                      # the middle paragraph dropped
    elif r < 0.3:
        paras[-1] = paras[-1].split(". ")[0] + "."   # last sentence dropped
    if rng.random() < 0.35:
        extra = rng.choice(CAMPAIGN_A_EXTRAS)
        i = rng.choice([1, len(paras) - 1])
        paras[i] = paras[i] + " " + extra
    text = "\n\n".join(paras)
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2])):
        right, wrong = rng.choice(CAMPAIGN_A_TYPOS)
        text = text.replace(right, wrong, 1)
    greeting = rng.choice(CAMPAIGN_A_GREETINGS)
    name = rng.choice(FIRST_NAMES)
    if rng.random() < 0.7:
        name += " " + rng.choice(SURNAMES)
    signoff = rng.choice(CAMPAIGN_A_SIGNOFFS).format(name=name)
    parts = ([greeting] if greeting else []) + [text] + ([signoff] if signoff else [])
    if rng.random() < 0.15:
        # the form squashed the letter onto one line
        return " ".join(" ".join(parts).split())
    return "\n\n".join(parts)


def date_between(rng, start, end, late_bias=False):
    days = (end - start).days
    if late_bias:
        # responses bunch up towards the closing date
        d = int(days * (1 - rng.random() ** 1.8))
    else:
        d = rng.randrange(days + 1)
    return start + datetime.timedelta(days=min(d, days))


def type_label(rng, declared):
    if declared in TYPE_VARIANTS:
        return weighted(rng, TYPE_VARIANTS[declared])
    return declared                       # an odd value, written as is


def region_for(rng, voice):
    weights = REGION_WEIGHTS.get(voice, REGION_WEIGHTS["default"])
    return rng.choices(REGIONS, weights=weights)[0]


def main():
    rng = random.Random(SEED)
    rows = []                             # (date, tiebreak, fields without id)

    for declared, count in ORGANIC_COUNTS:
        voice = ODD_VOICE.get(declared, declared)
        is_org = voice in ORG_TYPES
        for _ in range(count):
            answers = [organic_answer(rng, voice, q, is_org) for q in QUESTIONS]
            if not any(answers):
                answers[0] = fill(rng, rng.choice(BODY["q1"][voice]).lstrip(MARKS))
            rows.append((date_between(rng, START, END, late_bias=True),
                         rng.random(),
                         [type_label(rng, declared), region_for(rng, voice)] + answers))

    campaign_a_types = [("individuals", 35), ("trade_unions", 3),
                        ("Other (please specify)", 2)]
    for declared, count in campaign_a_types:
        for _ in range(count):
            voice = ODD_VOICE.get(declared, declared)
            answers = [campaign_a_letter(rng)]
            for q in QUESTIONS[1:4]:
                if rng.random() < 0.75:
                    answers.append(organic_answer(rng, "individuals", q, False))
                else:
                    answers.append("")
            answers.append("See my answer to question 1." if rng.random() < 0.15 else "")
            rows.append((date_between(rng, datetime.date(2014, 4, 22),
                                      datetime.date(2014, 4, 29)),
                         rng.random(),
                         [type_label(rng, declared), region_for(rng, voice)] + answers))

    campaign_b_types = [("individuals", 12), ("voluntary_sector", 3)]
    for declared, count in campaign_b_types:
        for _ in range(count):
            answers = []
            for q in QUESTIONS[:3]:
                answers.append(organic_answer(rng, "individuals", q, False)
                               if rng.random() < 0.75 else "")
            answers.append(CAMPAIGN_B_TEXT)
            answers.append("")
            rows.append((date_between(rng, datetime.date(2014, 5, 12),
                                      datetime.date(2014, 5, 14)),
                         rng.random(),
                         [type_label(rng, declared), region_for(rng, declared)] + answers))

    rows.sort(key=lambda r: (r[0], r[1]))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)                 # RFC 4180 quoting, CRLF rows
        w.writerow(HEADER)
        for i, (date, _, fields) in enumerate(rows, 1):
            w.writerow(["R%04d" % i, date.isoformat()] + fields)


if __name__ == "__main__":
    main()
