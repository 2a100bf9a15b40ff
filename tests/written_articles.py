"""Short articles written for the tests (fictional people), in the house styles of other presses,
dated so that the stored dates fall on the edges of weeks and months, to store beside the seeds.

Three of them repeat one line of the same fictional minister, so a statement is reported by
several outlets; one is dated late on a Sunday in New York, which is already Monday in UTC.
"""
from __future__ import annotations

MINISTER_LINE = "The pipeline will be finished before the winter"

WRITTEN_ARTICLES = [
    {   # British copy: single quotation marks, "Mr", a professor with her university
        "url": "https://www.bbc.co.uk/news/uk-politics-70000001",
        "published_at": "2024-06-24T09:00:00+01:00",
        "title": "Waiting lists will fall, says health secretary",
        "text": ("The health secretary, Tom Harlow, said on Monday that hospital waiting lists would fall "
                 "by the spring.\n\n'We will fix this, and we will do it quickly,' Mr Harlow told the BBC.\n\n"
                 "Professor Jane Okafor, an epidemiologist at the University of Leeds, said she was cautious. "
                 "'The numbers are still rising in the north,' she said.\n"),
    },
    {   # wire copy: dateline, a spokeswoman, a senator; late Sunday in New York is Monday in UTC
        "url": "https://apnews.com/article/senate-energy-bill-0000002",
        "published_at": "2024-06-30T23:30:00-05:00",
        "text": ("WASHINGTON (AP) — The Senate will vote on the energy bill next week, Senate Majority Leader "
                 "Carla Mendes said Sunday.\n\n\"We have the votes to pass it,\" Mendes told reporters.\n\n"
                 "A spokeswoman for the Chamber of Commerce said the group opposed the measure. Energy Minister "
                 f"Viktor Sand of Norway said: \"{MINISTER_LINE}.\"\n"),
    },
    {   # Asian press: "Mr", "per cent", an economist at a bank
        "url": "https://www.straitstimes.com/singapore/economy-grew-0000003",
        "published_at": "2024-07-15",
        "text": ("SINGAPORE - Prime Minister Lawrence Tan said on Monday that the economy grew 3 per cent in the "
                 "second quarter.\n\n\"Our workers have done well, and they deserve the credit,\" said Mr Tan.\n\n"
                 "Ms Priya Nair, an economist at DBS Bank, said she expected growth to slow. Energy Minister "
                 f"Viktor Sand of Norway said: \"{MINISTER_LINE}.\"\n"),
    },
    {   # Middle-East press: a minister, then a body that speaks in a statement
        "url": "https://www.thenationalnews.com/business/energy/0000004",
        "published_at": "2024-08-01T06:00:00+04:00",
        "text": ("ABU DHABI // The UAE will raise its oil output next year, Energy Minister Suhail Al Rashid "
                 "said on Wednesday.\n\n\"The market needs stability,\" he said.\n\nOpec said in a statement "
                 f"that demand remained strong. Energy Minister Viktor Sand of Norway said: \"{MINISTER_LINE}.\"\n"),
    },
]
