"""Runs one function of a legacy (or migrated) Python file under the REAL twilio-python
(Debian python3-twilio 7.7.1, seen only by /usr/bin/python3) and writes the token to --out.

    /usr/bin/python3 run_python.py --file F (--call NAME [--args JSON] | --http JSON)
                                   [--django-settings JSON] --now T --out FILE

* time.time() is frozen at --now before anything is imported, so the token's nbf/iat is
  --now and exp - nbf is the ttl the code asked for.
* The module is imported from its file under its own name, with its directory on sys.path,
  as `python -c 'import views'` would from that directory. Flask and Django are the real
  packages (python3-flask, python3-django); nothing is stubbed.
* --django-settings {"TWILIO_...": ...}: settings.configure(**that, plus a minimal
  INSTALLED_APPS) and django.setup() before the import, as manage.py would.
* --call is a dotted path: "token_for", "CapabilityTokenView.as_view".
* --http {"app": "app"|"bp", "method": "GET", "path": "/token?user=alice", "json_path": "token"}
  sends one request through Flask's test client (a Blueprint is registered on a new Flask app);
  {"django_view": "refresh_token", "path": ..., "user": "alice"} calls the Django view with a
  RequestFactory request whose user is an authenticated stand-in (django.contrib.auth's
  login_required only reads request.user.is_authenticated). The token comes from the JSON
  body at json_path, or the whole body when json_path is absent.
The code under test prints to stderr (stdout is redirected) so its output cannot be mistaken
for the token.
"""
import argparse
import contextlib
import importlib.util
import json
import os
import sys
import time


def parse():
    p = argparse.ArgumentParser()
    p.add_argument('--file', required=True)
    p.add_argument('--call')
    p.add_argument('--args', default='[]')
    p.add_argument('--kwargs', default='{}')
    p.add_argument('--http')
    p.add_argument('--django-settings')
    p.add_argument('--result-path')
    p.add_argument('--now', required=True, type=int)
    p.add_argument('--out', required=True)
    return p.parse_args()


def dig(obj, dotted):
    if not dotted:
        return obj
    for key in dotted.split('.'):
        obj = obj[key] if isinstance(obj, dict) else getattr(obj, key)
    return obj


def setup_django(extra):
    from django.conf import settings
    conf = {
        'DEBUG': False,
        'SECRET_KEY': 'capmig-fix-proof',
        'ALLOWED_HOSTS': ['testserver', 'localhost'],
        'INSTALLED_APPS': ['django.contrib.contenttypes', 'django.contrib.auth'],
        'DATABASES': {},
        'USE_TZ': True,
        'ROOT_URLCONF': __name__,
    }
    conf.update(extra)
    settings.configure(**conf)
    import django
    django.setup()


urlpatterns = []  # ROOT_URLCONF for Django's reverse(): the views under test are called directly


class _User:
    is_authenticated = True
    is_active = True

    def __init__(self, name):
        self.username = name

    def get_username(self):
        return self.username


def load(path):
    path = os.path.abspath(path)
    name = os.path.splitext(os.path.basename(path))[0]
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def via_http(module, spec):
    if 'django_view' in spec:
        from django.test import RequestFactory
        request = getattr(RequestFactory(), spec.get('method', 'get').lower())(spec['path'])
        request.user = _User(spec.get('user', 'anonymous'))
        view = dig(module, spec['django_view'])
        if isinstance(view, type):
            view = view.as_view()
        response = view(request)
        body = response.content.decode('utf-8')
        status = response.status_code
    else:
        import flask
        target = dig(module, spec['app'])
        if isinstance(target, flask.Blueprint):
            app = flask.Flask('capmig_fix_proof')
            app.register_blueprint(target)
        else:
            app = target
        app.config['TESTING'] = True
        response = app.test_client().open(spec['path'], method=spec.get('method', 'GET'))
        body = response.get_data(as_text=True)
        status = response.status_code
    if status != 200:
        raise RuntimeError('HTTP %d from %s: %s' % (status, spec['path'], body[:300]))
    if spec.get('json_path'):
        return dig(json.loads(body), spec['json_path'])
    return body


def main():
    opts = parse()
    now = float(opts.now)
    time.time = lambda: now
    with contextlib.redirect_stdout(sys.stderr):
        if opts.django_settings is not None:
            setup_django(json.loads(opts.django_settings))
        module = load(opts.file)
        if opts.http:
            result = via_http(module, json.loads(opts.http))
        else:
            if not opts.call:
                raise SystemExit('run_python: --call or --http is required')
            fn = dig(module, opts.call)
            result = fn(*json.loads(opts.args), **json.loads(opts.kwargs))
        result = dig(result, opts.result_path)
    if isinstance(result, bytes):
        result = result.decode('ascii')
    if not isinstance(result, str) or result.count('.') != 2:
        raise SystemExit('run_python: %s returned %r, not a JWT' % (opts.call or 'http', result))
    with open(opts.out, 'w', encoding='ascii') as f:
        f.write(result + '\n')


if __name__ == '__main__':
    main()
