"""
Flowgate's bootstrap for Python functions: loads the handler named by _HANDLER from
LAMBDA_TASK_ROOT and serves invocations through the Lambda Runtime API at
AWS_LAMBDA_RUNTIME_API, the way Lambda's Python runtime interface client (awslambdaric,
bootstrap.py) does: the same context object, the same error documents, the same names for
init failures. Standard library only, so a function needs nothing installed beyond Python.

Differences from Lambda's client, by design: decimal.Decimal results are encoded as JSON
numbers through float/int (Lambda's simplejson writes their exact digits), and errors are
logged with plain line breaks instead of the carriage returns CloudWatch needs.
"""

import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

RUNTIME_API = os.environ.get("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
BASE_PATH = "/2018-06-01/runtime"
THIS_FILE = os.path.abspath(__file__)

_current_request_id = None


class FaultException(Exception):
    """A failure of the runtime rather than of the function; names from awslambdaric."""

    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.exception_type = exception_type
        self.msg = msg
        self.trace = trace


def runtime_request(method, path, body=None, headers=None):
    # One connection per request: nothing to go stale while a handler runs for minutes.
    connection = http.client.HTTPConnection(RUNTIME_API)
    try:
        connection.request(method, BASE_PATH + path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except (ValueError, AttributeError) as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR, "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR, "Syntax error in module '{}': {}".format(modname, str(e)), trace)
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(FaultException.HANDLER_NOT_FOUND, "Handler '{}' missing on module '{}'".format(fname, modname))


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def error_of_exception(exc_info, invoke_id=None):
    etype, value, tb = exc_info
    frames = traceback.extract_tb(tb)
    # The traceback starts in this file; the function's frames are what its author needs.
    for index, frame in enumerate(frames):
        if os.path.abspath(frame.filename) != THIS_FILE:
            frames = frames[index:]
            break
    return make_error(str(value), etype.__name__, traceback.format_list([as_on_lambda(frame) for frame in frames]), invoke_id)


# On Lambda a function's code lives in /var/task, and stack traces quote that path; error
# objects (which Step Functions passes on as causes) then read the same here as there.
LAMBDA_CODE_PATH = "/var/task"


def as_on_lambda(frame):
    task_root = os.path.abspath(os.environ.get("LAMBDA_TASK_ROOT", os.getcwd()))
    filename = os.path.abspath(frame.filename)
    if not filename.startswith(task_root + os.sep):
        return frame
    shown = LAMBDA_CODE_PATH + "/" + os.path.relpath(filename, task_root).replace(os.sep, "/")
    return traceback.FrameSummary(shown, frame.lineno, frame.name, line=frame.line)


def log_error(error):
    lines = ["[ERROR] {}: {}".format(error["errorType"], error["errorMessage"])]
    if error["stackTrace"]:
        lines.append("Traceback (most recent call last):")
        lines.extend(line.rstrip("\n") for line in error["stackTrace"])
    sys.stdout.write("\n".join(lines) + "\n")


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client(object):
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]


def make_obj_from_dict(_class, _dict):
    if _dict is None:
        return None
    obj = _class()
    for field in _class.__slots__:
        setattr(obj, field, _dict.get(field, None))
    return obj


class LambdaContext(object):
    """The `context` argument, with the attributes of Lambda's Python runtime."""

    def __init__(self, invoke_id, client_context, cognito_identity, epoch_deadline_time_in_ms, invoked_function_arn):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = make_obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = make_obj_from_dict(Client, self.client_context.client)
        self.identity = make_obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        remaining = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))


def parse_json_header(value, name):
    try:
        # http.client reads header bytes as latin-1; the Runtime API sends the JSON's UTF-8.
        return json.loads(value.encode("latin-1").decode("utf-8"))
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse {} JSON: {}".format(name, str(e)))


def encode_decimal(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError("Object of type {} is not JSON serializable".format(type(value).__name__))


def unmarshal(body, content_type):
    if content_type not in (None, "application/json"):
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)))


def marshal(result):
    if isinstance(result, bytes):
        return result, "application/unknown"
    try:
        return json.dumps(result, default=encode_decimal).encode("utf-8"), "application/json"
    except Exception as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)))


def handle(request_handler, headers, body):
    invoke_id = headers.get("Lambda-Runtime-Aws-Request-Id")
    try:
        client_context = headers.get("Lambda-Runtime-Client-Context")
        cognito_identity = headers.get("Lambda-Runtime-Cognito-Identity")
        context = LambdaContext(
            invoke_id,
            parse_json_header(client_context, "Client Context") if client_context else None,
            parse_json_header(cognito_identity, "Cognito Identity") if cognito_identity else None,
            int(headers.get("Lambda-Runtime-Deadline-Ms", "0")),
            headers.get("Lambda-Runtime-Invoked-Function-Arn"),
        )
        event = unmarshal(body, headers.get("Content-Type"))
        result, content_type = marshal(request_handler(event, context))
    except FaultException as e:
        error = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        error = error_of_exception(sys.exc_info(), invoke_id)
    else:
        runtime_request("POST", "/invocation/{}/response".format(invoke_id), result, {"Content-Type": content_type})
        return
    log_error(error)
    runtime_request(
        "POST",
        "/invocation/{}/error".format(invoke_id),
        json.dumps(error).encode("utf-8"),
        {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error["errorType"]},
    )


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _current_request_id or ""
        return True


def setup_logging():
    # Lambda's text format for the root logger, so that `logging` output reads as it does there.
    logging.Formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.terminator = ""
    handler.setFormatter(
        logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S")
    )
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in logging._nameToLevel:
        root.setLevel(level)


def main():
    global _current_request_id
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    if task_root not in sys.path:
        sys.path.insert(0, task_root)
    setup_logging()
    try:
        request_handler = get_handler(os.environ.get("_HANDLER"))
    except FaultException as e:
        error = make_error(e.msg, e.exception_type, e.trace)
    except Exception:
        error = error_of_exception(sys.exc_info())
    else:
        error = None
    if error is not None:
        log_error(error)
        runtime_request(
            "POST",
            "/init/error",
            json.dumps(error).encode("utf-8"),
            {"Content-Type": "application/json", "Lambda-Runtime-Function-Error-Type": error["errorType"]},
        )
        sys.exit(1)

    while True:
        status, headers, body = runtime_request("GET", "/invocation/next")
        if status != 200:
            raise RuntimeError("Runtime API /next answered {}: {!r}".format(status, body))
        _current_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        trace_id = headers.get("Lambda-Runtime-Trace-Id")
        # As Lambda's runtime does: the X-Ray header of the current invocation, or none.
        if trace_id:
            os.environ["_X_AMZN_TRACE_ID"] = trace_id
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        handle(request_handler, headers, body)


if __name__ == "__main__":
    main()
