"""The risk model: scores a quote from its size and the customer's history."""
import time


def handler(event, context):
    # Lets the example show what a slow dependency does to the API (a 504).
    if event.get("simulateSlowModel"):
        time.sleep(5)
    items = event.get("items", [])
    quantity = sum(item.get("quantity", 0) for item in items)
    score = min(100, 10 + 3 * quantity + (0 if event.get("customerId") else 25))
    band = "low" if score < 40 else "medium" if score < 70 else "high"
    return {"score": score, "band": band}
