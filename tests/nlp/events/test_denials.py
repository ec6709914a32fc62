"""Denials, claims of responsibility, naming and the marks of asking, on hand-built parses.

No model: each Doc is built word by word ("word head dep POS TAG lemma"), as in test_participants.
"""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyads.nlp.events.denials import denial, owning
from dyads.nlp.events.marks import modality, negated
from dyads.nlp.events.reports import misplaced_agent, naming, not_agent

VOCAB = spacy.blank("en").vocab


def parse(rows: str) -> Doc:
    toks = [line.split() for line in rows.strip().splitlines()]
    return Doc(VOCAB, words=[t[0] for t in toks], heads=[int(t[1]) for t in toks], deps=[t[2] for t in toks],
               pos=[t[3] for t in toks], tags=[t[4] for t in toks], lemmas=[t[5] for t in toks])


DENIED_GERUND = """
Chile 1 nsubj PROPN NNP Chile
denied 1 ROOT VERB VBD deny
selling 1 xcomp VERB VBG sell
rifles 2 dobj NOUN NNS rifle
to 2 prep ADP IN to
Peru 4 pobj PROPN NNP Peru
. 1 punct PUNCT . .
"""

NOT_DENIED = """
Chile 3 nsubj PROPN NNP Chile
did 3 aux AUX VBD do
not 3 neg PART RB not
deny 3 ROOT VERB VB deny
selling 3 xcomp VERB VBG sell
rifles 4 dobj NOUN NNS rifle
. 3 punct PUNCT . .
"""

REJECTED_CLAIMS = """
Chile 1 nsubj PROPN NNP Chile
dismissed 1 ROOT VERB VBD dismiss
reports 1 dobj NOUN NNS report
that 6 mark SCONJ IN that
it 6 nsubj PRON PRP it
had 6 aux AUX VBD have
armed 2 acl VERB VBN arm
and 6 cc CCONJ CC and
trained 6 conj VERB VBN train
rebels 6 dobj NOUN NNS rebel
. 1 punct PUNCT . .
"""

REJECTED_CALLS = """
Chile 1 nsubj PROPN NNP Chile
rejected 1 ROOT VERB VBD reject
calls 1 dobj NOUN NNS call
to 4 aux PART TO to
halt 2 acl VERB VB halt
the 6 det DET DT the
raids 4 dobj NOUN NNS raid
. 1 punct PUNCT . .
"""

DENIED_ROLE = """
Chile 1 nsubj PROPN NNP Chile
denied 1 ROOT VERB VBD deny
any 3 det DET DT any
role 1 dobj NOUN NN role
in 3 prep ADP IN in
the 6 det DET DT the
raid 4 pobj NOUN NN raid
. 1 punct PUNCT . .
"""

CLAIMED_RESPONSIBILITY = """
Chile 1 nsubj PROPN NNP Chile
claimed 1 ROOT VERB VBD claim
responsibility 1 dobj NOUN NN responsibility
for 2 prep ADP IN for
the 5 det DET DT the
raid 3 pobj NOUN NN raid
. 1 punct PUNCT . .
"""

RAID_WAS_CLAIMED = """
The 1 det DET DT the
raid 3 nsubjpass NOUN NN raid
was 3 auxpass AUX VBD be
claimed 3 ROOT VERB VBN claim
by 3 agent ADP IN by
Chile 4 pobj PROPN NNP Chile
. 3 punct PUNCT . .
"""

CONDEMNED_RAID = """
Chile 1 nsubj PROPN NNP Chile
condemned 1 ROOT VERB VBD condemn
the 3 det DET DT the
raid 1 dobj NOUN NN raid
. 1 punct PUNCT . .
"""


def test_denied_gerund_is_the_denied_act():
    doc = parse(DENIED_GERUND)
    assert denial(doc[2]).i == doc[1].i


def test_did_not_deny_is_no_denial():
    doc = parse(NOT_DENIED)
    assert denial(doc[4]) is None


def test_dismissed_reports_that_denies_the_report_and_its_conjoined_acts():
    doc = parse(REJECTED_CLAIMS)
    assert denial(doc[6]).i == doc[1].i
    assert denial(doc[8]).i == doc[1].i  # "and trained": the second act of the same report


def test_rejected_calls_to_act_denies_nothing():
    doc = parse(REJECTED_CALLS)
    assert denial(doc[4]) is None  # a call is no claim: the act is only asked for


def test_denied_any_role_in_the_raid():
    doc = parse(DENIED_ROLE)
    assert denial(doc[6]).i == doc[1].i


def test_a_denial_is_no_claim_of_responsibility():
    doc = parse(DENIED_ROLE)
    assert owning(doc[6]) is None


def test_claimed_responsibility_owns_the_act():
    doc = parse(CLAIMED_RESPONSIBILITY)
    assert owning(doc[5]).i == doc[1].i
    assert denial(doc[5]) is None


def test_an_act_claimed_by_someone():
    doc = parse(RAID_WAS_CLAIMED)
    assert owning(doc[1]).i == doc[3].i


def test_condemning_an_act_neither_owns_nor_denies_it_and_is_not_its_agent():
    doc = parse(CONDEMNED_RAID)
    assert owning(doc[3]) is None and denial(doc[3]) is None
    assert not_agent(doc[1])


NAMED_RECKLESS = """
Chile 1 nsubj PROPN NNP Chile
called 1 ROOT VERB VBD call
the 3 det DET DT the
blockade 1 dobj NOUN NN blockade
by 3 prep ADP IN by
Peru 4 pobj PROPN NNP Peru
reckless 1 oprd ADJ JJ reckless
. 1 punct PUNCT . .
"""

NAMED_AS = """
Chile 1 nsubj PROPN NNP Chile
described 1 ROOT VERB VBD describe
the 3 det DET DT the
blockade 1 dobj NOUN NN blockade
as 1 prep ADP IN as
a 6 det DET DT a
crime 4 pobj NOUN NN crime
. 1 punct PUNCT . .
"""

CALLED_TO_TALK = """
Chile 1 nsubj PROPN NNP Chile
called 1 ROOT VERB VBD call
Peru 1 dobj PROPN NNP Peru
to 4 aux PART TO to
talk 1 xcomp VERB VB talk
. 1 punct PUNCT . .
"""

AGENT_ON_VERB = """
Chile 1 nsubj PROPN NNP Chile
called 1 ROOT VERB VBD call
the 3 det DET DT the
arrests 1 dobj NOUN NNS arrest
by 1 prep ADP IN by
Peru 4 pobj PROPN NNP Peru
a 7 det DET DT a
scandal 1 oprd NOUN NN scandal
. 1 punct PUNCT . .
"""


def test_naming_predicate_of_called_and_described_as():
    assert naming(parse(NAMED_RECKLESS)[1]).text == "reckless"
    assert naming(parse(NAMED_AS)[1]).text == "crime"


def test_called_someone_to_talk_names_nothing():
    assert naming(parse(CALLED_TO_TALK)[1]) is None


def test_a_by_agent_hung_on_the_naming_verb_is_the_act_s():
    doc = parse(AGENT_ON_VERB)
    assert misplaced_agent(doc[1], doc[3]).text == "Peru"


DEMANDED_TENSED = """
Chile 1 nsubj PROPN NNP Chile
demanded 1 ROOT VERB VBD demand
that 4 mark SCONJ IN that
Peru 4 nsubj PROPN NNP Peru
withdraws 1 ccomp VERB VBZ withdraw
. 1 punct PUNCT . .
"""

TOLD_TENSED = """
Chile 1 nsubj PROPN NNP Chile
told 1 ROOT VERB VBD tell
that 4 mark SCONJ IN that
Peru 4 nsubj PROPN NNP Peru
withdrew 1 ccomp VERB VBD withdraw
. 1 punct PUNCT . .
"""

UNABLE = """
Chile 1 nsubj PROPN NNP Chile
is 1 ROOT AUX VBZ be
unable 1 acomp ADJ JJ unable
to 4 aux PART TO to
help 2 xcomp VERB VB help
Peru 4 dobj PROPN NNP Peru
. 1 punct PUNCT . .
"""

ABLE = """
Chile 1 nsubj PROPN NNP Chile
was 1 ROOT AUX VBD be
able 1 acomp ADJ JJ able
to 4 aux PART TO to
help 2 xcomp VERB VB help
Peru 4 dobj PROPN NNP Peru
. 1 punct PUNCT . .
"""


def test_a_tensed_clause_under_demanded_is_still_asked_for():
    doc = parse(DEMANDED_TENSED)
    assert modality(doc[4], doc[4]) == "demanded"


def test_a_tensed_clause_under_told_reports():
    doc = parse(TOLD_TENSED)
    assert modality(doc[4], doc[4]) == "asserted"


def test_unable_to_act_is_negated_and_able_is_not():
    assert negated(parse(UNABLE)[4], parse(UNABLE)[4])
    doc = parse(ABLE)
    assert not negated(doc[4], doc[4])


FAILED_TO = """
Chile 1 nsubj PROPN NNP Chile
failed 1 ROOT VERB VBD fail
to 3 aux PART TO to
protect 1 xcomp VERB VB protect
Peru 3 dobj PROPN NNP Peru
. 1 punct PUNCT . .
"""

MANAGED_TO = """
Chile 1 nsubj PROPN NNP Chile
managed 1 ROOT VERB VBD manage
to 3 aux PART TO to
protect 1 xcomp VERB VB protect
Peru 3 dobj PROPN NNP Peru
. 1 punct PUNCT . .
"""


def test_failed_to_act_is_negated_and_managed_to_is_not():
    doc = parse(FAILED_TO)
    assert negated(doc[3], doc[3])
    doc = parse(MANAGED_TO)
    assert not negated(doc[3], doc[3])
