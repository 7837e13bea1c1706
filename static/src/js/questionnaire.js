/* The questionnaire pages (the leaver's self-service page and the
 * interviewer's conduct screen), on top of plain HTML forms that work without
 * it:
 * - answer keys: on a question's radio buttons, a number key picks that
 *   rating or score (1 then 0 within a moment for 10) or the n-th option of a
 *   choice (0 for the tenth), Y/J and N answer yes/no (or record the consent);
 *   the focus then moves on to the next question, so that one key records
 *   one answer;
 * - on the conduct screen (a form with data-save-url), each answer is saved
 *   as it is given: a radio button at once, a comment while typing and when
 *   the page is left, so that closing the browser loses nothing.
 */
(function () {
    'use strict';

    var TEN_DELAY = 700;  // ms to wait for the "0" of a 10 after a "1"
    var TEXT_DELAY = 800;  // ms of quiet before a comment is saved

    function questionOf(element) {
        return element.closest ? element.closest('.o_exit_question') : null;
    }

    function questionsOf(form) {
        return Array.prototype.slice.call(form.querySelectorAll('.o_exit_question'));
    }

    function radios(question) {
        return Array.prototype.slice.call(question.querySelectorAll('input[type=radio]'));
    }

    function focusQuestion(question) {
        var target = question.querySelector('input[type=radio]:checked')
            || question.querySelector('input, textarea');
        if (target) {
            target.focus();
        }
    }

    function nextQuestion(question) {
        var all = questionsOf(question.form || question.closest('form'));
        var index = all.indexOf(question);
        return index >= 0 ? all[index + 1] : null;
    }

    function moveOn(question) {
        var next = nextQuestion(question);
        if (next) {
            focusQuestion(next);
            return;
        }
        // after the last question: what follows it in the form (the consent
        // box of the leaver's page, the Finish button of the conduct screen)
        var form = question.closest('form');
        var after = Array.prototype.slice.call(form.querySelectorAll(
            'input:not([type=hidden]), textarea, button')).filter(function (element) {
            return !question.contains(element)
                && (question.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
        })[0];
        if (after) {
            after.focus();
        }
    }

    function pick(radio) {
        if (!radio) {
            return false;
        }
        if (!radio.checked) {
            radio.checked = true;
            radio.dispatchEvent(new Event('change', {bubbles: true}));
        }
        radio.focus();
        return true;
    }

    function byValue(question, value) {
        return radios(question).filter(function (radio) {
            return radio.value === value;
        })[0];
    }

    var pendingTen = null;

    function onKey(event) {
        var target = event.target;
        if (target.type !== 'radio' || event.ctrlKey || event.altKey || event.metaKey) {
            return;
        }
        var question = questionOf(target);
        if (!question) {
            return;
        }
        var type = question.getAttribute('data-type');
        var key = (event.key || '').toLowerCase();
        var digit = /^[0-9]$/.test(key) ? key : null;
        var radio = null;
        var wait = false;
        if (pendingTen && pendingTen.question === question && key === '0') {
            clearTimeout(pendingTen.timer);
            pendingTen = null;
            radio = byValue(question, '10');
        } else if ((type === 'rating' || type === 'score') && digit) {
            radio = byValue(question, digit);
            wait = type === 'score' && digit === '1';
        } else if (type === 'choice' && digit) {
            radio = radios(question)[digit === '0' ? 9 : Number(digit) - 1];
        } else if (type === 'yes_no' || type === 'consent') {
            var yes = type === 'consent' ? 'given' : 'yes';
            var no = type === 'consent' ? 'refused' : 'no';
            radio = byValue(question, {y: yes, j: yes, n: no}[key]);
        }
        if (pendingTen) {
            clearTimeout(pendingTen.timer);
            pendingTen = null;
        }
        if (!pick(radio)) {
            return;
        }
        event.preventDefault();
        if (wait) {
            pendingTen = {question: question, timer: setTimeout(function () {
                pendingTen = null;
                moveOn(question);
            }, TEN_DELAY)};
        } else {
            moveOn(question);
        }
    }

    // ------------------------------------------------------------------
    // Saving as you go (conduct screen)
    // ------------------------------------------------------------------

    function Saver(form) {
        this.form = form;
        this.url = form.getAttribute('data-save-url');
        this.status = form.querySelector('.o_exit_save_status');
        this.timers = {};
        this.unsaved = {};
        this.sending = 0;
    }

    Saver.prototype.body = function (name, value) {
        var data = new FormData();
        data.append('csrf_token', this.form.querySelector('input[name=csrf_token]').value);
        data.append('autosave', '1');
        data.append(name, value);
        return data;
    };

    Saver.prototype.text = function (name) {
        // the words are in the page, in its language (.o_exit_text_<name>)
        var element = this.form.querySelector('.o_exit_text_' + name);
        return element ? element.textContent.trim() : name;
    };

    Saver.prototype.say = function (text) {
        if (this.status) {
            this.status.textContent = text;
        }
    };

    Saver.prototype.showError = function (name, message) {
        var question = this.form.querySelector('#q_' + name);
        if (!question) {
            return;
        }
        var box = question.querySelector('.o_exit_save_error');
        if (!message) {
            question.classList.remove('has-error');
            if (box) {
                box.remove();
            }
            return;
        }
        question.classList.add('has-error');
        if (!box) {
            box = document.createElement('p');
            box.className = 'help-block o_exit_error o_exit_save_error';
            box.setAttribute('role', 'alert');
            question.appendChild(box);
        }
        box.textContent = message;
    };

    Saver.prototype.save = function (name, value) {
        var self = this;
        clearTimeout(this.timers[name]);
        delete this.timers[name];
        delete this.unsaved[name];
        this.sending += 1;
        this.say(this.text('saving'));
        return fetch(this.url, {method: 'POST', body: this.body(name, value),
                                credentials: 'same-origin'})
            .then(function (response) {
                return response.json().then(function (result) {
                    var errors = result.errors || {};
                    self.showError(name, errors[name] || errors._form || result.error);
                    return response.ok;
                });
            })
            .catch(function () {
                self.unsaved[name] = value;
                return false;
            })
            .then(function (ok) {
                self.sending -= 1;
                self.say(self.text(ok ? 'saved' : 'not_saved'));
                self.form.setAttribute('data-pending', String(self.sending));
            });
    };

    Saver.prototype.later = function (name, value) {
        var self = this;
        clearTimeout(this.timers[name]);
        this.unsaved[name] = value;
        this.timers[name] = setTimeout(function () {
            self.save(name, value);
        }, TEXT_DELAY);
    };

    Saver.prototype.flush = function () {
        // the page is going away: what is still typed leaves with a beacon
        var self = this;
        Object.keys(this.unsaved).forEach(function (name) {
            clearTimeout(self.timers[name]);
            navigator.sendBeacon(self.url, self.body(name, self.unsaved[name]));
        });
        this.unsaved = {};
    };

    function startSaver(form) {
        var saver = new Saver(form);
        form.addEventListener('change', function (event) {
            var target = event.target;
            if (target.name && target.name !== 'csrf_token') {
                saver.save(target.name, target.value);
            }
        });
        form.addEventListener('input', function (event) {
            if (event.target.tagName === 'TEXTAREA') {
                saver.later(event.target.name, event.target.value);
            }
        });
        window.addEventListener('pagehide', function () {
            saver.flush();
        });
        document.addEventListener('visibilitychange', function () {
            if (document.visibilityState === 'hidden') {
                saver.flush();
            }
        });
    }

    function start() {
        document.addEventListener('keydown', onKey);
        var forms = document.querySelectorAll('form.o_exit_form[data-save-url]');
        Array.prototype.forEach.call(forms, startSaver);
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
}());
