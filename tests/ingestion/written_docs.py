"""Documents written here in the layouts of real third-party documents (invented acts,
numbers and dates), shared by the extraction tests and the window's import test."""

# ruff: noqa: E501 (the web-page lines are as long as the pages they imitate)

WEB_PAGE = """Skip to content
Logo Ministry Logo
A- A A+
Home | News | Contacts

Cabinet approves rules for electronic invoices

The "Rules for issuing electronic invoices" have been approved by Resolution No. 77 of the Cabinet of Ministers of the Republic of Azerbaijan dated March 3, 2021.
The Rules enter into force on April 1, 2021.
Share this page
"""


LABELLED = """Legal updates

Legal act: Decision of the Cabinet of Ministers on the approval of the "Rules for customs warehouses"

Authority: Cabinet of Ministers

Date of adoption: 12 March 2021

Effective date: 1 April 2021

The rules set out how goods are kept in customs warehouses.
"""


CITATION_AFTER = """Highlights of May 2023
On 3 May 2023, the President signed a Law introducing changes to the Land Code. The Law enters into force on 1 July 2023.
Law No. ZRU-801 of 2 May 2023
A new Law "On Beekeeping" has been adopted. It provides for a register of apiaries.
Law No. ZRU-805 of 20 May 2023
"""


UN_REPORT = """United Nations

CAT/C/GEO/CO/4

Convention against Torture

Distr.: General
3 June 2024

Original: English

Committee against Torture

Concluding observations on the fourth periodic report of Georgia

1. The Committee considered the fourth periodic report of Georgia (CAT/C/GEO/4) at its 2090th and 2091st meetings. At its 2100th meeting, held on 20 May 2024, it adopted the present concluding observations.

2. The Committee welcomes the adoption of the Law on Probation, on 4 April 2023.
"""


COE_RESOLUTION = (
    "Protecting rivers in the Caucasus\n\nResolution 2600 (2025)\n\nParliamentary Assembly\n"
    "Text adopted by the Assembly on 12 October 2025 (30th Sitting).\n"
    "1. The Assembly refers to Armenia and Georgia.\n"
)

RU_DECREE = (
    "Новости\n\nПрезидент подписал Указ «О мерах по развитию пчеловодства» от 12 марта "
    "2024 года № УП-45. Указ вступает в силу с 1 апреля 2024 года.\n"
)
