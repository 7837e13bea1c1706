{
    'name': 'Exit Interviews',
    'summary': 'Plan, hold and analyse exit interviews, confidentially',
    'version': '11.0.1.0.0',
    'category': 'Human Resources',
    'author': 'hr_exit_interview developers',
    'license': 'LGPL-3',
    'depends': ['hr', 'mail'],
    'data': [
    ],
    'demo': [
    ],
    'application': False,
    'installable': True,
}
