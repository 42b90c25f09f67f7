# Handlers for the bash bootstrap. Each gets the event as $1; the bootstrap has set
# REQUEST_ID, DEADLINE_MS, FUNCTION_ARN and _X_AMZN_TRACE_ID for the invocation.

COUNT=0

echo_event() {
  local now_us="${EPOCHREALTIME//[^0-9]/}"
  printf '{"event":%s,"context":{"requestId":"%s","functionName":"%s","invokedFunctionArn":"%s","remainingMs":%d,"traceId":"%s","memoryLimitMb":%d},"env":"%s"}' \
    "$1" "$REQUEST_ID" "$AWS_LAMBDA_FUNCTION_NAME" "$FUNCTION_ARN" "$((DEADLINE_MS - now_us / 1000))" \
    "$_X_AMZN_TRACE_ID" "$AWS_LAMBDA_FUNCTION_MEMORY_SIZE" "${FLOWGATE_TEST_VALUE:-}"
}

throws() {
  printf '{"errorType":"CustomError","errorMessage":"boom"}'
  return 1
}

sleeps() {
  sleep 30
  printf '{}'
}

loops() {
  while :; do :; done
}

exits() {
  exit 3
}

# Counts its invocations in the process. An event with "exit" ends the process instead; one
# with "pause" takes 300 ms first, one with "sleep" 30 s.
counter() {
  if [[ "$1" == *'"exit"'* ]]; then exit 7; fi
  if [[ "$1" == *'"pause"'* ]]; then sleep 0.3; fi
  if [[ "$1" == *'"sleep"'* ]]; then sleep 30; fi
  COUNT=$((COUNT + 1))
  printf '{"count":%d,"pid":%d}' "$COUNT" "$$"
}

logs() {
  echo "working on $REQUEST_ID" >&2
  echo "still working" >&2
  printf '"done"'
}

noop() {
  printf '{}'
}
