import logging

from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.addons.mail.models import mail_template as core_template
from odoo.api import Environment
from odoo.exceptions import AccessError, UserError
from odoo.models import BaseModel

from . import reader_format
from .hr_exit_confidential_mixin import is_exit_model

_logger = logging.getLogger(__name__)

EXIT_MANAGER_GROUP = 'hr_exit_interview.group_exit_manager'
# What a template could use to step out of its reader's rights: another user
# (sudo, with_env), or the environment itself (env: any model, the cursor).
ESCALATING_ATTRIBUTES = frozenset(['sudo', 'env', 'with_env', 'pool', 'cr'])
# Settings of Odoo's template sandbox that shape the template language.
SANDBOX_SETTINGS = (
    'block_start_string', 'block_end_string', 'variable_start_string', 'variable_end_string',
    'comment_start_string', 'comment_end_string', 'line_statement_prefix', 'line_comment_prefix',
    'trim_blocks', 'lstrip_blocks', 'newline_sequence', 'keep_trailing_newline')


class CallerSandbox(SandboxedEnvironment):
    """Odoo's template sandbox, minus the ways out of the caller's rights.

    Mail templates are plain text that any employee may write or submit, and
    Odoo 11 renders them with records the template may turn into superuser
    records (``object.sudo()``) or leave through their environment
    (``object.env[...]``, ``user.env.cr``): whoever may render a template
    could read any record of any model. Without these, a template reads what
    its caller could read through the ORM, and nothing more."""

    def is_safe_attribute(self, obj, attr, value):
        if attr in ESCALATING_ATTRIBUTES and isinstance(obj, (BaseModel, Environment)):
            return False
        return super(CallerSandbox, self).is_safe_attribute(obj, attr, value)


def _caller_sandbox(core_env):
    """A CallerSandbox that reads templates exactly as ``core_env`` does."""
    settings = dict((name, getattr(core_env, name)) for name in SANDBOX_SETTINGS)
    sandbox = CallerSandbox(autoescape=core_env.autoescape, **settings)
    sandbox.globals.update(core_env.globals)
    sandbox.filters.update(core_env.filters)
    return sandbox


CALLER_SANDBOX = _caller_sandbox(core_template.mako_template_env)
CALLER_SAFE_SANDBOX = _caller_sandbox(core_template.mako_safe_template_env)


class MailTemplate(models.Model):
    """Template rendering never reaches beyond its caller's rights, and the
    templates of the addon's models are written by exit interview
    administrators only (see security/mail_template_rules.xml): a template
    decides what an e-mail carries and to whom, and the questionnaire one
    carries the leaver's private link."""

    _inherit = 'mail.template'

    @api.model
    def render_template(self, template_txt, model, res_ids, post_process=False):
        # The addon's templates always get the addon's helpers (format_datetime,
        # format_number), also when the scheduler sends them.
        if self.env.uid == SUPERUSER_ID and not is_exit_model(model):
            return super(MailTemplate, self).render_template(
                template_txt, model, res_ids, post_process=post_process)
        if is_exit_model(model):
            self._check_render_access(model, res_ids)
        return self._render_as_caller(template_txt, model, res_ids, post_process)

    @api.model
    def _check_render_access(self, model, res_ids):
        """Rendering on a record shows it: only for who may read it."""
        ids = [res_ids] if isinstance(res_ids, int) else [res_id for res_id in res_ids if res_id]
        records = self.env[model].browse(ids)
        records.check_access_rights('read')
        records.check_access_rule('read')

    @api.model
    def _render_as_caller(self, template_txt, model, res_ids, post_process):
        """What Odoo's render_template does, in the CallerSandbox. Returns the
        text for one id, or a dict {id: text} for a list of ids."""
        single = isinstance(res_ids, int)
        ids = [res_ids] if single else list(res_ids)
        results = dict.fromkeys(ids, u'')
        sandbox = CALLER_SAFE_SANDBOX if self.env.context.get('safe') else CALLER_SANDBOX
        try:
            template = sandbox.from_string(tools.ustr(template_txt))
        except Exception:
            _logger.info('Failed to load template %r', template_txt, exc_info=True)
            return results[ids[0]] if single else results
        env = self.env
        values = {
            'format_date': lambda date, format=False, context=None:
                core_template.format_date(env, date, format),
            'format_tz': lambda dt, tz=False, format=False, context=None:
                core_template.format_tz(env, dt, tz, format),
            'format_amount': lambda amount, currency, context=None:
                core_template.format_amount(env, amount, currency),
            # the reader's language, their time zone, no seconds
            'format_datetime': lambda value, tz=False:
                reader_format.format_datetime(env, value, tz=tz),
            'format_number': lambda value, digits=2:
                reader_format.format_number(env, value, digits=digits),
            'user': env.user,
            'ctx': self._context,
        }
        records = dict((record.id, record) for record in env[model].browse(
            [res_id for res_id in ids if res_id]))
        for res_id in ids:
            values['object'] = records.get(res_id)
            try:
                text = template.render(values)
            except (SecurityError, AccessError) as error:
                raise AccessError(_('This template reads something you may not read: %s')
                                  % tools.ustr(error))
            except Exception as error:
                _logger.info('Failed to render template %r', template_txt, exc_info=True)
                raise UserError(_('The template could not be rendered: %s') % tools.ustr(error))
            results[res_id] = u'' if text == u'False' else text
        if post_process:
            for res_id in ids:
                results[res_id] = self.render_post_process(results[res_id])
        return results[ids[0]] if single else results

    @api.multi
    def generate_recipients(self, results, res_ids):
        """The composer turns each address of a template into a partner, and
        creates one, named after the address, for an address no partner has.
        A leaver is no customer: an e-mail about an exit interview goes to the
        employee's own partner (see hr.exit.interview.invitation_partner_id),
        or is refused."""
        if self.model == 'hr.exit.interview' and self.env.context.get('tpl_partners_only'):
            interviews = self.env['hr.exit.interview'].sudo().browse(list(results))
            for interview in interviews:
                values = results[interview.id]
                values.pop('email_to', None)
                values.pop('email_cc', None)
                interview._check_invitation_partner()
                values['partner_ids'] = values.get('partner_ids', []) + [
                    interview.invitation_partner_id.id]
        return super(MailTemplate, self).generate_recipients(results, res_ids)

    @api.model
    def create(self, vals):
        self._check_exit_model_change(vals)
        return super(MailTemplate, self).create(vals)

    @api.multi
    def write(self, vals):
        self._check_exit_model_change(vals)
        return super(MailTemplate, self).write(vals)

    @api.model
    def _check_exit_model_change(self, vals):
        """Record rules check a write against the old values only: moving a
        template onto an exit interview model is checked here."""
        if not vals.get('model_id') or self.env.uid == SUPERUSER_ID \
                or self.user_has_groups(EXIT_MANAGER_GROUP):
            return
        model = self.env['ir.model'].sudo().browse(vals['model_id'])
        if is_exit_model(model.model):
            raise AccessError(_('Only exit interview administrators may write the e-mail '
                                'templates of exit interviews.'))
