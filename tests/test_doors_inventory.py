"""The inventory of Odoo's doors onto a record, read from the running registry.

Every HTTP route of every installed module that takes a model name, a record
id, a token or a domain, and every public model method that evaluates a
template or a domain on a model given by its caller, has a reviewed verdict
below: how it is closed for the addon's models, and the test that tries it.
A route or method that appears (a module installed, Odoo updated, a
controller added) without a verdict fails this test until someone reviews
it; a verdict whose door disappeared fails it too.

Verdicts:
- closed: the addon changes the door for its records (override, rule);
- orm: the door runs as the caller, through the ORM: access rights, record
  rules and field groups of the addon apply, and nothing is read as
  superuser;
- metadata: the door returns fields, views, actions, defaults or access
  rights of a model, never the content of a record.
"""
import importlib
import inspect
import re

import odoo
from odoo import http
from odoo.tests.common import TransactionCase, at_install, post_install

# Route parameters naming a model, a record, a token or a domain.
ROUTE_PARAMETER = re.compile(r'(^|_)(model|id|ids|docids|token|domain)$')
# Method parameters naming the model or records a method evaluates on.
METHOD_PARAMETER = re.compile(
    r'^(model|res_model|model_name|res_model_name|template_txt|res_ids|docids)$')
# Methods that evaluate a template or an expression although no parameter
# names a model: reviewed with the others.
EXTRA_METHODS = ('ir.ui.view.render', 'ir.qweb.render', 'ir.actions.server.run',
                 'mail.thread.message_get_suggested_recipients')

HTTP = 'test_doors_http.TestDoorsHttp.'
CONDUCT = 'test_conduct_http.TestConductHttp.'
MAIL = 'test_doors_mail.TestDoorsMail.'
TEMPLATES = 'test_doors_mail.TestDoorsTemplates.'
SECURITY = 'test_security.TestSecurity.'
SHEET = 'test_reports.TestInterviewSheet.'
SELFSERVICE = 'test_selfservice_http.TestSelfServiceHttp.'

ORM = 'orm', 'runs as the caller: rights, rules and field groups apply'
ROUTES = {
    'base_import.ImportController.set_file': (
        ORM, HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'hr_exit_interview.ExitMailController.avatar': (
        ('closed', 'rights and rules of the document checked, else a blank pixel'),
        HTTP + 'test_avatar_route_shows_nothing_of_an_unreadable_interview'),
    'hr_exit_interview.ExitMailController.read_followers': (
        ('closed', "the followed documents' own model is checked, not the one given"),
        HTTP + 'test_followers_route_checks_the_followed_document'),
    'hr_exit_interview.ExitPortalChatter.portal_chatter_init': (
        ('closed', 'no portal chatter for the addon models'),
        HTTP + 'test_portal_chatter_refuses_the_link_token'),
    'hr_exit_interview.ExitPortalChatter.portal_chatter_post': (
        ('closed', 'no portal chatter for the addon models'),
        HTTP + 'test_portal_chatter_post_with_the_link_token_posts_nothing'),
    'hr_exit_interview.ExitPortalChatter.portal_message_fetch': (
        ('closed', 'no portal chatter for the addon models; a token-opened domain may only '
                   'compare message columns'),
        HTTP + 'test_chatter_domain_cannot_read_other_records'),
    'hr_exit_interview.ExitInterviewConduct.conduct': (
        ('closed', "the interview read as the user, then only its interviewer or an officer; "
                   "one 404 page for everyone else"),
        CONDUCT + 'test_everyone_else_gets_a_404_and_changes_nothing'),
    'hr_exit_interview.ExitInterviewConduct.finish': (
        ('closed', 'as the conduct page; answers written as the user'),
        CONDUCT + 'test_everyone_else_gets_a_404_and_changes_nothing'),
    'hr_exit_interview.ExitInterviewConduct.save': (
        ('closed', 'as the conduct page; answers written as the user'),
        CONDUCT + 'test_everyone_else_gets_a_404_and_changes_nothing'),
    'hr_exit_interview.ExitQuestionnaire.decline': (
        ('closed', 'questionnaire token only, neutral 404, JSON bodies 400'),
        HTTP + 'test_json_bodies_on_the_questionnaire_page_are_refused_cleanly'),
    'hr_exit_interview.ExitQuestionnaire.questionnaire': (
        ('closed', 'questionnaire token only, neutral 404, JSON bodies 400'),
        SELFSERVICE + 'test_bad_tokens_get_one_neutral_page'),
    'mail.MailChatController.mail_chat_history': (
        ('metadata', "the caller's own chat channels"),
        HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'mail.MailController.mail_action_assign': (
        ORM, HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'mail.MailController.mail_action_follow': (
        ('closed', 'message_subscribe refuses whoever may not read the interview'),
        HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'mail.MailController.mail_action_new': (
        ('metadata', 'a redirection to an empty form'),
        HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'mail.MailController.mail_action_unfollow': (
        ORM, HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'mail.MailController.mail_action_view': (
        ('orm', 'a redirection, to the record only for who may read it'),
        HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'mail.MailController.read_subscription_data': (
        ('closed', 'follower records of an interview are hidden by its rule'),
        HTTP + 'test_followers_route_checks_the_followed_document'),
    'web.Action.load': (('metadata', 'an action'), HTTP + 'test_reports_answer_a_clean_refusal'),
    'web.Action.run': (
        ('closed', 'server actions run as the caller; the addon scheduled jobs refuse '
                   'anyone but the scheduler'), MAIL + 'test_scheduled_jobs_refuse_other_callers'),
    'web.Binary.content_common': (
        ('closed', 'caller rights; attachment tokens never open addon files; 403 not 500'),
        HTTP + 'test_web_content_on_text_fields_is_refused_cleanly'),
    'web.Binary.content_image': (
        ('closed', 'caller rights; attachment tokens never open addon files; 403 not 500'),
        HTTP + 'test_web_content_on_text_fields_is_refused_cleanly'),
    'web.Binary.content_image_backward_compatibility': (
        ORM, HTTP + 'test_web_content_on_text_fields_is_refused_cleanly'),
    'web.Binary.upload_attachment': (
        ('closed', 'attachment rule: only readers attach to an interview'),
        SECURITY + 'test_chatter_matrix'),
    'web.CSVExport.index': (
        ('closed', 'caller rights and field groups; a refusal is 403, not 500'),
        HTTP + 'test_export_of_a_confidential_field_is_refused_cleanly'),
    'web.DataSet.call': (ORM, SECURITY + 'test_interview_matrix'),
    'web.DataSet.call_button': (ORM, SECURITY + 'test_interview_matrix'),
    'web.DataSet.call_kw': (ORM, HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'web.DataSet.load': (ORM, SECURITY + 'test_interview_matrix'),
    'web.DataSet.resequence': (ORM, SECURITY + 'test_answer_matrix'),
    'web.DataSet.search_read': (
        ('orm', 'restricted fields refused in domains, sorts and groupings'),
        HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'web.ExcelExport.index': (
        ('closed', 'caller rights and field groups; a refusal is 403, not 500'),
        HTTP + 'test_export_of_a_confidential_field_is_refused_cleanly'),
    'web.Export.get_fields': (('metadata', 'field names'), SECURITY + 'test_interview_matrix'),
    'web.Export.namelist': (
        ('metadata', "the caller's saved export lists"), SECURITY + 'test_interview_matrix'),
    'web.ReportController.report_download': (
        ('closed', 'renders through report_routes: officers only, 403 not 500'),
        HTTP + 'test_reports_answer_a_clean_refusal'),
    'web.ReportController.report_routes': (
        ('closed', 'sheet for officers, trend report for trend readers of their company; '
                   '403 not 500'),
        HTTP + 'test_reports_answer_a_clean_refusal'),
    'web.TableExporter.export_xls': (
        ('metadata', 'formats the table the client sends, reads no record'),
        HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'web.View.edit_custom': (
        ('metadata', "the caller's own custom views"), SECURITY + 'test_interview_matrix'),
    'web_diagram.DiagramView.get_diagram_info': (ORM, SECURITY + 'test_interview_matrix'),
    'web_editor.Web_Editor.FieldTextHtml': (
        ORM, HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'web_editor.Web_Editor.FieldTextHtmlInline': (
        ORM, HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'web_editor.Web_Editor.remove': (
        ('closed', 'attachment rule: only readers touch an interview file'),
        SECURITY + 'test_chatter_matrix'),
}

RENDER = ('closed', 'renders as the caller without sudo/env, and on the addon models only '
                    'for who may read the records')
METHODS = {
    'base_import.import.get_fields': (('metadata', 'field names'), None),
    'ir.actions.actions.get_bindings': (('metadata', 'actions bound to a model'), None),
    'ir.actions.report.render': (
        ('closed', 'the report models refuse non-officers and other companies'),
        SHEET + 'test_refused_to_everyone_else'),
    'ir.actions.report.render_qweb_html': (
        ('closed', 'the report models refuse non-officers and other companies'),
        SHEET + 'test_refused_to_everyone_else'),
    'ir.actions.report.render_qweb_pdf': (
        ('closed', 'the report models refuse non-officers and other companies'),
        HTTP + 'test_reports_answer_a_clean_refusal'),
    'ir.actions.report.report_action': (('metadata', 'an action, nothing rendered'), None),
    'ir.actions.server.run': (
        ('closed', 'server actions run as the caller; the addon scheduled jobs refuse '
                   'anyone but the scheduler'), MAIL + 'test_scheduled_jobs_refuse_other_callers'),
    'ir.cron.toggle': (('orm', 'search_count as the caller; writing crons is for admins'),
                       None),
    'ir.default.discard_values': (('metadata', 'defaults'), None),
    'ir.default.get': (('metadata', 'defaults'), None),
    'ir.default.get_model_defaults': (('metadata', 'defaults'), None),
    'ir.default.set': (('metadata', 'defaults'), None),
    'ir.fields.converter.db_id_for': (ORM, None),
    'ir.fields.converter.for_model': (('metadata', 'import converters'), None),
    'ir.fields.converter.to_field': (('metadata', 'import converters'), None),
    'ir.filters.get_filters': (('metadata', "the caller's saved filters"), None),
    'ir.http.binary_content': (
        ('closed', 'caller rights; attachment tokens never open addon files'),
        MAIL + 'test_attachments_get_no_public_link_and_old_links_stop'),
    'ir.model.access.check': (('metadata', 'access rights'), None),
    'ir.model.access.check_group': (('metadata', 'access rights'), None),
    'ir.model.access.group_names_with_access': (('metadata', 'access rights'), None),
    'ir.model.access.register_cache_clearing_method': (('metadata', 'a cache hook'), None),
    'ir.model.access.unregister_cache_clearing_method': (('metadata', 'a cache hook'), None),
    'ir.property.get': (('metadata', 'the addon models have no properties'), None),
    'ir.property.get_multi': (('metadata', 'the addon models have no properties'), None),
    'ir.property.search_multi': (('metadata', 'the addon models have no properties'), None),
    'ir.property.set_multi': (('metadata', 'the addon models have no properties'), None),
    'ir.qweb.field.from_html': (('metadata', 'parses HTML the caller sends'), None),
    'ir.qweb.render': (
        ('orm', 'values come from the caller as JSON (no records); the addon templates '
                'fetch nothing themselves'), SHEET + 'test_refused_to_everyone_else'),
    'ir.rule.domain_get': (('metadata', "the SQL of the caller's own rules"), None),
    'ir.translation.get_field_help': (('metadata', 'field help'), None),
    'ir.translation.get_field_string': (('metadata', 'field labels'), None),
    'ir.translation.get_technical_translations': (('metadata', 'view terms'), None),
    'ir.translation.translate_fields': (
        ('orm', 'translations checked against the record; exit templates for admins'),
        TEMPLATES + 'test_exit_templates_are_written_by_exit_administrators_only'),
    'ir.ui.view.add_on_change': (('metadata', 'views'), None),
    'ir.ui.view.apply_view_inheritance': (('metadata', 'views'), None),
    'ir.ui.view.default_view': (('metadata', 'views'), None),
    'ir.ui.view.get_attrs_field_names': (('metadata', 'views'), None),
    'ir.ui.view.get_inheriting_views_arch': (('metadata', 'views'), None),
    'ir.ui.view.graph_get': (('metadata', 'views'), None),
    'ir.ui.view.postprocess': (('metadata', 'views'), None),
    'ir.ui.view.postprocess_and_fields': (('metadata', 'views'), None),
    'ir.ui.view.render': (
        ('orm', 'values come from the caller as JSON (no records); the addon templates '
                'fetch nothing themselves'), SHEET + 'test_refused_to_everyone_else'),
    'mail.compose.message.generate_email_for_composer': (
        RENDER, TEMPLATES + 'test_stored_templates_render_nothing_for_non_readers'),
    'mail.compose.message.get_mail_values': (
        RENDER, TEMPLATES + 'test_the_mass_mail_composer_renders_as_its_caller'),
    'mail.compose.message.onchange_template_id': (
        RENDER, TEMPLATES + 'test_stored_templates_render_nothing_for_non_readers'),
    'mail.compose.message.render_message': (
        RENDER, TEMPLATES + 'test_the_mass_mail_composer_renders_as_its_caller'),
    'mail.compose.message.render_template': (
        RENDER, TEMPLATES + 'test_render_template_never_returns_a_secret'),
    'mail.message.subtype.auto_subscribe_subtypes': (('metadata', 'subtypes'), None),
    'mail.message.subtype.default_subtypes': (('metadata', 'subtypes'), None),
    'mail.template.generate_email': (
        RENDER, TEMPLATES + 'test_stored_templates_render_nothing_for_non_readers'),
    'mail.template.generate_recipients': (
        RENDER, TEMPLATES + 'test_stored_templates_render_nothing_for_non_readers'),
    'mail.template.get_email_template': (
        RENDER, TEMPLATES + 'test_stored_templates_render_nothing_for_non_readers'),
    'mail.template.render_template': (
        RENDER, TEMPLATES + 'test_render_template_never_returns_a_secret'),
    'mail.thread.check_mail_message_access': (ORM, SECURITY + 'test_chatter_matrix'),
    'mail.thread.message_get_default_recipients': (
        ('orm', 'reads partner and e-mail fields the addon models do not have'), None),
    'mail.thread.message_get_reply_to': (('metadata', 'the alias address'), None),
    'mail.thread.message_get_suggested_recipients': (
        ('orm', 'the addon models suggest nobody; reading needs the right to read'),
        HTTP + 'test_generic_routes_answer_with_the_callers_rights'),
    'mail.thread.message_process': (
        ('closed', 'posts only; followers and recipients are readers'),
        MAIL + 'test_a_follower_without_access_is_not_notified'),
    'mail.thread.message_route': (('metadata', 'routes an e-mail, returns model and id'), None),
    'report.base.report_irmodulereference.get_report_values': (
        ('metadata', 'modules'), None),
    'report.hr_exit_interview.report_exit_interview.get_report_values': (
        ('closed', 'officers only, rules of the interview'),
        SHEET + 'test_refused_to_everyone_else'),
    'report.hr_exit_interview.report_exit_trends.get_report_values': (
        ('closed', 'trend readers of their own companies only'),
        HTTP + 'test_trend_report_of_another_company_is_refused'),
}


def installed_routes(env):
    """{endpoint: [paths]} of the routes taking a model, an id, a token or a domain."""
    modules = [''] + odoo.conf.server_wide_modules + sorted(env.registry._init_modules)
    routing = http.routing_map(modules, False, converters=env['ir.http']._get_converters())
    found = {}
    for rule in routing.iter_rules():
        method = rule.endpoint.method
        function = getattr(method, '__func__', method)
        names = set(rule.arguments) | set(inspect.signature(method).parameters)
        if any(ROUTE_PARAMETER.search(name) for name in names):
            key = '%s.%s' % (function.__module__.split('.')[2], function.__qualname__)
            found.setdefault(key, []).append(rule.rule)
    return found


def model_methods(env):
    """{model.method: [models]} of the public methods taking a model name, a
    template or the ids to evaluate on, named after the model defining them."""
    found = {}
    for name in sorted(env.registry):
        cls = type(env[name])
        for attribute in dir(cls):
            if attribute.startswith('_'):
                continue
            method = getattr(cls, attribute, None)
            if not (inspect.isfunction(method) or inspect.ismethod(method)):
                continue
            parameters = inspect.signature(method).parameters
            key = '%s.%s' % (_defining_model(cls, attribute), attribute)
            if any(METHOD_PARAMETER.match(p) for p in parameters) or key in EXTRA_METHODS:
                found.setdefault(key, []).append(name)
    return found


def _defining_model(cls, attribute):
    """The first model (by _name) of the class hierarchy that defines attribute."""
    for klass in reversed(cls.__mro__):
        if attribute in vars(klass) and getattr(klass, '_name', None):
            return klass._name
    return cls._name


@at_install(False)
@post_install(True)
class TestDoorsInventory(TransactionCase):

    def test_every_route_has_a_verdict(self):
        found = installed_routes(self.env)
        self.assertEqual(sorted(set(found) - set(ROUTES)), [],
                         'routes without a reviewed verdict (add them to ROUTES)')
        self.assertEqual(sorted(set(ROUTES) - set(found)), [],
                         'verdicts of routes that no longer exist')

    def test_every_method_has_a_verdict(self):
        found = model_methods(self.env)
        self.assertEqual(sorted(set(found) - set(METHODS)), [],
                         'methods without a reviewed verdict (add them to METHODS)')
        self.assertEqual(sorted(set(METHODS) - set(found)), [],
                         'verdicts of methods that no longer exist')

    def test_verdicts_name_existing_tests(self):
        for key, ((kind, how), test) in list(ROUTES.items()) + list(METHODS.items()):
            self.assertIn(kind, ('closed', 'orm', 'metadata'), key)
            self.assertTrue(how, key)
            if kind == 'closed':
                self.assertTrue(test, '%s is closed by the addon: name its test' % key)
            if test:
                module, cls, method = test.split('.')
                module = importlib.import_module('odoo.addons.hr_exit_interview.tests.' + module)
                self.assertTrue(callable(getattr(getattr(module, cls), method, None)),
                                '%s names a missing test %s' % (key, test))
