def handle(event, context):
    return {"module": __name__}
