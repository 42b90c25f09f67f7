RATES = {"EUR": 0.2, "USD": 0.07}


def handler(event, context):
    rate = RATES.get(event.get("currency"), 0)
    return {"rate": rate, "amount": round(event.get("subtotal", 0) * rate, 2)}
