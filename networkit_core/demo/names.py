"""The words the demo is made of: people, fictional organizations, and what graduates write.

Every organization here is invented, and every email address is under a reserved example domain
(RFC 2606), so the demo can never point at a real person or company.
"""

from __future__ import annotations

from dataclasses import dataclass

ADMIN = ("Sam", "Whitfield")
ADVISORS = (("Priya", "Raman"), ("Marcus", "Delgado"))
ACCOUNT_DOMAIN = "demo.example.org"


@dataclass(frozen=True)
class CohortSpec:
    name: str
    description: str
    programs: tuple[str, ...]
    industries: tuple[str, ...]
    size: int


COHORTS = (
    CohortSpec(
        "Demo · Business 2026",
        "Demo data: fictional business graduates of 2025-2026.",
        ("BCom Marketing", "BBA Finance", "BCom Accounting", "BBA Human Resources"),
        ("Finance", "Marketing", "Consulting", "Retail", "Human Resources"),
        22,
    ),
    CohortSpec(
        "Demo · Computing 2026",
        "Demo data: fictional computing graduates of 2025-2026.",
        ("BSc Computer Science", "BSc Data Science", "BEng Software Engineering"),
        ("Software", "Data & Analytics", "Cybersecurity", "Healthcare Technology", "Games"),
        20,
    ),
    CohortSpec(
        "Demo · Arts & Media 2026",
        "Demo data: fictional arts and media graduates of 2025-2026.",
        ("BA Journalism", "BFA Graphic Design", "BA Film & Media", "BA Communications"),
        ("Publishing", "Film & Television", "Advertising", "Museums & Heritage", "Design"),
        18,
    ),
)

FIRST_NAMES = (
    "Aisha", "Amara", "Andre", "Ana", "Arjun", "Beatriz", "Bilal", "Caleb", "Camila", "Chen",
    "Chloe", "Darius", "Diego", "Elena", "Emeka", "Emily", "Farah", "Felix", "Grace", "Hana",
    "Hassan", "Imani", "Ines", "Isaac", "Jamal", "Jasmine", "Jonah", "Jordan", "Kai", "Keisha",
    "Kenji", "Laila", "Leo", "Liam", "Lucia", "Maya", "Mateo", "Mei", "Mohammed", "Nadia",
    "Naomi", "Nikhil", "Nora", "Omar", "Owen", "Priyanka", "Rafael", "Riley", "Rosa", "Ryan",
    "Samira", "Sofia", "Tariq", "Tessa", "Theo", "Valentina", "Wei", "Yara", "Yusuf", "Zara",
    "Zoe", "Noah", "Ingrid", "Malik", "Aiko", "Lena",
)  # fmt: skip

LAST_NAMES = (
    "Adeyemi", "Alvarez", "Andersen", "Baptiste", "Bennett", "Chowdhury", "Costa", "Dubois",
    "Eriksen", "Fernandes", "Fischer", "Gallagher", "Gupta", "Haddad", "Hoang", "Ibrahim",
    "Jensen", "Kaur", "Kim", "Kowalski", "Lam", "Lindqvist", "MacLeod", "Mahmoud", "Martins",
    "Mendoza", "Moreau", "Nakamura", "Nguyen", "Novak", "O'Brien", "Okonkwo", "Park", "Patel",
    "Petrov", "Quinn", "Rahman", "Reyes", "Rossi", "Santos", "Schmidt", "Sato", "Silva", "Singh",
    "Sokolova", "Tan", "Thompson", "Torres", "Tremblay", "Usman", "Vargas", "Walsh", "Yilmaz",
    "Zhang", "Zielinski", "Achebe", "Brennan", "Castillo", "Delacroix", "Estrada",
)  # fmt: skip

# Fictional organizations by industry, each with its email domain's top-level part.
ORGANIZATIONS: dict[str, tuple[str, ...]] = {
    "Finance": ("Harbourline Capital", "Brightwater Credit Union", "Ledgerstone Partners",
                "Copperfield Wealth", "Meridale Mutual Insurance"),
    "Marketing": ("Lanternfish Marketing", "Signal & Stone Agency", "Bluejay Brand Studio",
                  "Foxglove Media Group"),
    "Consulting": ("Alder Point Consulting", "Tidewell Advisory", "Granite Arch Strategy",
                   "Kestrel Management Partners"),
    "Retail": ("Maplecrest Outfitters", "Juniper Market Co.", "Hearthside Home Goods"),
    "Human Resources": ("Willowbrook Talent", "Oakridge People Solutions",
                        "Bridgeway HR Services"),
    "Software": ("Quillstack Software", "Nimbus Lane", "Ferrite Labs", "Paperkite Apps",
                 "Orchardline Systems"),
    "Data & Analytics": ("Prismgate Analytics", "Lakeshore Data Co.", "Sextant Insights"),
    "Cybersecurity": ("Bastionwall Security", "Keyhaven Cyber"),
    "Healthcare Technology": ("Cedarline Health Tech", "Pulsewise Medical Software"),
    "Games": ("Mossy Cobble Games", "Lighthouse Pixel Studio"),
    "Publishing": ("Inkwell & Ash Press", "Riverbend Publishing House", "The Eastgate Review"),
    "Film & Television": ("Northlight Pictures", "Saltmarsh Films", "Channel Twelve West"),
    "Advertising": ("Copperkettle Creative", "Wildflower Advertising"),
    "Museums & Heritage": ("Eastgate Museum of Craft", "Harbour Heritage Trust"),
    "Design": ("Studio Fieldnote", "Pinwheel Design Co.", "Greyline Architects"),
}  # fmt: skip

TITLES: dict[str, tuple[str, ...]] = {
    "Finance": ("Senior Financial Analyst", "Portfolio Manager", "Branch Manager",
                "Risk Analyst", "Controller"),
    "Marketing": ("Marketing Manager", "Brand Strategist", "Content Lead",
                  "Digital Campaign Specialist"),
    "Consulting": ("Senior Consultant", "Engagement Manager", "Associate Partner", "Analyst"),
    "Retail": ("Store Operations Manager", "Merchandising Lead", "E-commerce Manager"),
    "Human Resources": ("HR Business Partner", "Talent Acquisition Lead", "Recruiter"),
    "Software": ("Software Engineer", "Engineering Manager", "Product Manager",
                 "Staff Developer", "QA Lead"),
    "Data & Analytics": ("Data Scientist", "Analytics Manager", "Data Engineer"),
    "Cybersecurity": ("Security Analyst", "Penetration Tester", "Security Architect"),
    "Healthcare Technology": ("Clinical Systems Analyst", "Product Owner", "Developer"),
    "Games": ("Game Designer", "Technical Artist", "Producer"),
    "Publishing": ("Acquisitions Editor", "Managing Editor", "Production Coordinator"),
    "Film & Television": ("Producer", "Assistant Director", "Post-production Supervisor"),
    "Advertising": ("Art Director", "Copywriter", "Account Director"),
    "Museums & Heritage": ("Curator", "Education Officer", "Collections Manager"),
    "Design": ("Senior Designer", "Creative Director", "UX Researcher"),
}  # fmt: skip

TRENDS: dict[str, tuple[str, ...]] = {
    "Finance": ("open banking", "sustainable investing", "automated compliance checks"),
    "Marketing": ("short-form video", "first-party data", "creator partnerships"),
    "Consulting": ("AI adoption projects", "supply-chain resilience", "public-sector work"),
    "Retail": ("buy online, pick up in store", "resale programmes", "self-checkout"),
    "Human Resources": ("skills-based hiring", "four-day-week pilots", "pay transparency"),
    "Software": ("AI coding assistants", "platform engineering", "accessibility audits"),
    "Data & Analytics": ("data contracts", "self-serve dashboards", "privacy engineering"),
    "Cybersecurity": ("zero-trust networks", "passkeys", "ransomware readiness"),
    "Healthcare Technology": ("virtual care", "interoperability standards", "remote monitoring"),
    "Games": ("live-service games", "small indie teams", "cross-platform releases"),
    "Publishing": ("audiobooks", "newsletter-first writers", "independent bookshops"),
    "Film & Television": ("streaming budgets", "virtual production", "documentary demand"),
    "Advertising": ("in-house creative teams", "retail media", "AI-generated drafts"),
    "Museums & Heritage": ("digitised collections", "community co-curation", "immersive shows"),
    "Design": ("design systems", "inclusive design", "motion in brand identity"),
}  # fmt: skip

# Professionals many graduates approach: the same person (same email) in several networks.
POPULAR_PROFESSIONALS = (
    ("Helen", "Marsh", "Talent Acquisition Lead", "Willowbrook Talent", "Human Resources"),
    ("Victor", "Osei", "Engineering Manager", "Quillstack Software", "Software"),
    ("Rebecca", "Lindgren", "Managing Editor", "Riverbend Publishing House", "Publishing"),
    ("Tomás", "Ibarra", "Senior Consultant", "Alder Point Consulting", "Consulting"),
    ("Grace", "Whitaker", "Analytics Manager", "Prismgate Analytics", "Data & Analytics"),
    ("Julian", "Ashby", "Creative Director", "Copperkettle Creative", "Advertising"),
)

COFFEE_SHOPS = (
    "Grindstone Café, King St", "The Daily Grind, Harbour Rd", "Bean There, Market Sq",
    "Copper Kettle Coffee", "Northside Roasters", "Library café, 2nd floor",
)  # fmt: skip
VIDEO_DETAILS = ("Video call (link in invite)", "Video call", "Video call, 30 minutes")
OTHER_PLACES = (
    "Alumni mixer, Founders Hall", "Walk in Riverside Park", "Career fair booth",
    "Their co-working space",
)  # fmt: skip

NOTE_SENTENCES = (
    "{first} started at {org} as an intern and moved up within three years.",
    "They said the best way in is through contract roles or temp work.",
    "Spent most of the time on how the team is organized and who does what.",
    "{first} was generous with their time; we went fifteen minutes over.",
    "Said most entry-level applicants know very little about {trend}.",
    "Suggested I join the local {industry} association and go to its monthly meetups.",
    "Recommended two newsletters to follow.",
    "A typical week is client meetings on Mondays and focused work the rest of the week.",
    "Looked at my resume: lead with projects and cut the objective statement.",
    "Felt rushed at the end; I should have put my best questions first.",
    "The office was quieter than I expected; most of the team works hybrid.",
    "They value clear writing more than I thought.",
    "Hiring happens mostly in the spring, through their graduate programme.",
    "Talked about the difference between in-house and agency work.",
    "{first} thinks a portfolio of real work matters more than certificates.",
    "The team lives in spreadsheets; some of them are learning Python.",
    "I forgot to ask what skills they look for in new hires.",
    "The first year is a lot of routine work, but you learn fast.",
    "We compared starting at a large firm with joining a small one.",
    "{first} is excited about {trend} and thinks it will change junior roles.",
    "They asked good questions about my final-year project.",
    "Networking events matter less to them than a thoughtful email.",
)  # fmt: skip

PRIVATE_NOTES = (
    "Nervous at the start; practise my introduction out loud next time.",
    "Mentioned starting salaries in the low fifties. Keep this to myself.",
    "Not sure the culture is for me: lots of late nights.",
    "Spilled a little coffee. Order something easier next time!",
    "Would love to join {first}'s team, but don't come across as too eager.",
    "Felt a bit out of my depth on the technical questions.",
)  # fmt: skip

OUTCOME_TRENDS = (
    "Clients want {trend}; teams are hiring for it.",
    "{trend} is the big change of the last two years.",
    "Budgets are tighter, so small teams do more with {trend}.",
)  # fmt: skip
OUTCOME_HIRING = (
    "{org} opens junior roles in April.",
    "Their team is hiring a coordinator next quarter.",
    "Hiring freeze until the summer, then two analyst roles.",
    "A partner firm of {org} is looking for interns.",
)  # fmt: skip
OUTCOME_MARKETABILITY = (
    "Learn the basics of SQL.",
    "Build a small portfolio site with three finished projects.",
    "Practise explaining numbers to people who are not experts.",
    "Volunteer for a committee to get some leadership experience.",
    "Rewrite my online profile summary around what I want to do next.",
    "Take a short course on {trend}.",
)  # fmt: skip
OUTCOME_JOB_LEADS = (
    "Contract role on the {org} reporting team; apply by the end of the month.",
    "{first} will pass my resume to the hiring manager for the junior role.",
    "Part-time opening at a partner agency; they will send the posting.",
)  # fmt: skip

FOLLOW_UP_NOTES = {
    "article": (
        "Sent an article on {trend} that we talked about.",
        "Shared a podcast episode about careers in {industry}.",
        "Forwarded a report on hiring in {industry}.",
    ),
    "job_search_update": (
        "Told them I applied to the two roles they suggested.",
        "Update: started the short course they recommended.",
        "Let them know I have a second-round interview next week.",
        "Shared that I landed a contract role, and thanked them again.",
    ),
    "other": (
        "Congratulated them on their team's award.",
        "Invited them to our programme's showcase evening.",
        "Wished them luck with their conference talk.",
    ),
}

REFERRAL_NOTE = "Offered to introduce me to {name} at {org}."

COMMENTS = {
    "diligent": (
        "Steady pace and thorough notes, {first}. Keep it up.",
        "Your brain dumps are specific and honest: exactly what makes them useful later.",
    ),
    "late_thank_you": (
        "Good meetings lately! Aim to send the thank-you within two days; "
        "a short card the same evening works well.",
        "Several thank-yous went out a week or more after the meeting. "
        "Keep a few cards in your bag.",
    ),
    "never_follows_up": (
        "Several contacts said they'd welcome a follow-up. Pick one and send them an article "
        "or a job-search update this week.",
        "You have permission to stay in touch: a short update every month or so "
        "keeps the door open.",
    ),
    "gone_quiet": (
        "I haven't seen a new interview in a few weeks. Anything in the way? "
        "Happy to help you find the next contact.",
        "Even a twenty-minute video call counts. Want to go through your list together?",
    ),
    "newcomer": (
        "Welcome, {first}! A good first interview. Try the starter bank's opening questions next.",
        "Nice start. Remember to tick the preparation checklist before each meeting.",
    ),
    "over_planner": (
        "You book a lot of meetings, which is great. Several were cancelled: "
        "confirm the day before.",
        "Fewer meetings, better prepared? Let's look at your upcoming list together.",
    ),
}
# What an advisor notes when recording a nudge, by the habit it is about.
NUDGE_NOTES = {
    "never_follows_up": (
        "Reminded by e-mail: two contacts are waiting for a follow-up.",
        "Phoned: suggested sending one article this week to keep the door open.",
    ),
    "gone_quiet": (
        "E-mailed to check in and offered to go through the contact list together.",
        "Left a voicemail: one twenty-minute video call would restart things.",
    ),
    "over_planner": (
        "Reminded by e-mail to record how last week's meetings went.",
        "Asked to confirm meetings the day before and record the ones that fell through.",
    ),
}

INTERVIEW_COMMENTS = (
    "Good questions here. Did you ask whether they'd welcome a follow-up?",
    "A strong conversation: note the names they mentioned while they're fresh.",
    "Great that this came from a referral; thank the person who introduced you too.",
    "Next time, ask which organizations they think are hiring.",
)  # fmt: skip

ADVISOR_BANK_NAME = "Tech careers: questions that worked"
ADVISOR_BANK_DESCRIPTION = "Questions past computing graduates found useful."
ADVISOR_QUESTIONS = (
    ("What does a junior developer's first month look like on your team?", "Day to day",
     "tech;onboarding"),
    ("How does your team decide which technologies to adopt?", "Industry", "tech;tools"),
    ("Which skills do you wish new graduates arrived with?", "Skills", "skills;hiring"),
    ("How do code reviews work here, and what do people learn from them?", "Day to day",
     "tech;culture"),
    ("What kinds of side projects catch your eye on a resume?", "Hiring", "portfolio;resume"),
    ("How do people on your team keep their skills current?", "Growth", "learning"),
    ("How is time split between building new features and maintaining existing systems?",
     "Day to day", "tech"),
    ("Who else in the field would you suggest I speak with?", "Referrals", "referral;closing"),
)  # fmt: skip

NO_SHOW_NOTES = (
    "They did not turn up; I emailed to offer another time.",
    "Waited twenty minutes, then got a message that something came up.",
    "",
)  # fmt: skip
