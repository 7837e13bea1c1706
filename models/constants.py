"""Values that models, reports, wizards and the self-service page share,
defined once so that they cannot drift apart: a scale or a cut-off changed
here changes the forms, the checks, the page and the analysis views alike.

Selection labels are English source terms; Odoo translates them by field, as
for a selection written inline.
"""

# Answer scales, bounds included: a rating from very poor to very good, and
# the 0-10 score of the recommendation question.
RATING_SCALE = (1, 5)
SCORE_SCALE = (0, 10)

# The recommendation (eNPS) cut-offs: a promoter answers 9 or 10, a detractor
# 0 to 6; 7 and 8 are passive.
PROMOTER_MIN = 9
DETRACTOR_MAX = 6

# Interview states. Open ones still expect an interview (an employee has at
# most one); closed ones are final, or wait for a reset.
INTERVIEW_STATES = [
    ('draft', 'To Schedule'),
    ('scheduled', 'Scheduled'),
    ('done', 'Held'),
    ('declined', 'Declined'),
    ('cancelled', 'Cancelled'),
]
OPEN_STATES = ('draft', 'scheduled')
# Kanban columns shown folded: interviews that will not take place.
FOLDED_STATES = ('declined', 'cancelled')
CLOSED_STATES = ('done', 'declined', 'cancelled')

# The leaver's recorded choice about the anonymous use of their answers
# (hr.exit.interview.consent): with a refusal they stay out of every analysis.
CONSENT_CHOICES = [
    ('given', 'Given'),
    ('refused', 'Refused'),
]

DEPARTURE_TYPES = [
    ('resignation', 'Resignation'),
    ('dismissal', 'Dismissal'),
    ('end_of_contract', 'End of contract'),
    ('retirement', 'Retirement'),
    ('mutual_agreement', 'Mutual agreement'),
    ('other', 'Other'),
]
# Without a reason, only a resignation counts as a voluntary departure.
VOLUNTARY_TYPES = ('resignation',)

# Type of a reason for leaving (hr.exit.reason.reason_type).
REASON_TYPES = [
    ('voluntary', 'Voluntary'),
    ('involuntary', 'Involuntary'),
    ('other', 'Other'),
]
# The types of reason that fit each departure type: a dismissal has no
# voluntary reason, a resignation no involuntary one. A departure without a
# type takes any reason.
DEPARTURE_REASON_TYPES = {
    'resignation': ('voluntary',),
    'dismissal': ('involuntary',),
    'end_of_contract': ('involuntary',),
    'retirement': ('other',),
    'mutual_agreement': ('voluntary', 'involuntary'),
    'other': ('voluntary', 'involuntary', 'other'),
}

# How the leaver gave their feedback: in a conversation held by the
# interviewer, or in the online questionnaire of their private link.
INTERVIEW_CHANNELS = [
    ('conversation', 'Conversation'),
    ('online', 'Online questionnaire'),
]

# What became of the e-mail of an invitation (from its mail notifications).
INVITATION_STATES = [
    ('none', 'Not sent'),
    ('queued', 'Queued'),
    ('sent', 'Sent'),
    ('failed', 'Failed'),
]

REHIRE_SELECTION = [
    ('yes', 'Yes'),
    ('no', 'No'),
    ('conditional', 'Under conditions'),
]


def scale_choices(scale):
    """The values of a scale as (value, label) pairs of strings, for radio
    buttons and selection fields."""
    low, high = scale
    return [(str(number), str(number)) for number in range(low, high + 1)]

# What an interview is about: the departure of a leaver, or what keeps an
# employee who stays (see models/hr_exit_interview_stay.py).
INTERVIEW_KINDS = [
    ('exit', 'Exit interview'),
    ('stay', 'Stay interview'),
]

# Tenure bands of the stay interviews: the only trace of the employee's
# start date that an anonymous stay answer set keeps. (upper bound in months,
# exclusive; None for the last band)
TENURE_BANDS = [
    ('under_1', 'Under 1 year'),
    ('1_3', '1 to 3 years'),
    ('3_5', '3 to 5 years'),
    ('5_plus', '5 years or more'),
]
TENURE_BAND_LIMITS = (('under_1', 12), ('1_3', 36), ('3_5', 60), ('5_plus', None))


def tenure_band(months):
    """The band of a tenure in whole months; False when it is unknown."""
    if months is None or months is False or months < 0:
        return False
    for band, limit in TENURE_BAND_LIMITS:
        if limit is None or months < limit:
            return band
    return False
