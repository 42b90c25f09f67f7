"""Handlers for the Python runner's tests, one per behaviour the shared suite describes."""

import logging
import os
import sys
import time

count = 0


class CustomError(Exception):
    pass


def echo(event, context):
    return {
        "event": event,
        "context": {
            "requestId": context.aws_request_id,
            "functionName": context.function_name,
            "invokedFunctionArn": context.invoked_function_arn,
            "remainingMs": context.get_remaining_time_in_millis(),
            "traceId": os.environ.get("_X_AMZN_TRACE_ID"),
            "memoryLimitMb": int(context.memory_limit_in_mb),
        },
        "env": os.environ.get("FLOWGATE_TEST_VALUE"),
    }


def throws(event, context):
    raise CustomError("boom")


def sleeps(event, context):
    time.sleep(30)
    return {}


def loops(event, context):
    while True:
        pass


def exits(event, context):
    sys.exit(3)


def counter(event, context):
    """Counts its invocations in module state; an event with "exit" ends the process instead."""
    global count
    if isinstance(event, dict) and event.get("exit"):
        os._exit(7)
    count += 1
    return {"count": count, "pid": os.getpid()}


def logs(event, context):
    print("working on", context.aws_request_id)
    logging.getLogger().warning("still working")
    return "done"


def noop(event, context):
    return None


def details(event, context):
    """What the function sees of its environment, for the tests of Lambda's context and variables."""
    names = [
        "_HANDLER", "LAMBDA_TASK_ROOT", "TZ", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_RUNTIME_API", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "FLOWGATE_PARENT_ONLY",
    ]
    return {
        "functionVersion": context.function_version,
        "memoryLimitInMb": context.memory_limit_in_mb,
        "logGroupName": context.log_group_name,
        "logStreamName": context.log_stream_name,
        "identityId": context.identity.cognito_identity_id,
        "clientContextCustom": None if context.client_context is None else context.client_context.custom,
        "cwd": os.getcwd(),
        "sysPathFirst": sys.path[0],
        "env": {name: os.environ.get(name) for name in names},
    }


def not_serializable(event, context):
    return {"when": object()}


def huge(event, context):
    """An answer over Lambda's 6 MB response limit."""
    return "x" * (7 * 1024 * 1024)
