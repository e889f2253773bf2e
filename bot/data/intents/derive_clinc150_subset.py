"""Run in bot/data/intents/ as `python derive_clinc150_subset.py PATH/clinc150/data_full.json` to derive clinc150_subset.csv from CLINC150 (CC BY 3.0): out-of-scope and small-talk rows."""
import csv, json, random, sys
d = json.load(open(sys.argv[1]))  # path to CLINC150 data_full.json
SMALL_TALK = {"greeting": "greeting", "goodbye": "goodbye", "thank_you": "thanks",
    "are_you_a_bot": "small_talk", "what_is_your_name": "small_talk", "who_made_you": "small_talk",
    "how_old_are_you": "small_talk", "where_are_you_from": "small_talk", "what_are_your_hobbies": "small_talk",
    "do_you_have_pets": "small_talk", "who_do_you_work_for": "small_talk", "what_can_i_ask_you": "small_talk"}
UNRELATED = """weather translate calories timezone distance definition spelling fun_fact meaning_of_life calculator
tell_joke recipe cook_time restaurant_reservation restaurant_reviews restaurant_suggestion flight_status book_flight
book_hotel car_rental travel_suggestion travel_alert alarm timer reminder todo_list play_music next_song what_song
traffic gas gas_type oil_change_how oil_change_when tire_pressure tire_change mpg jump_start uber pto_request
pto_balance w2 taxes credit_score interest_rate roll_dice flip_coin calendar date time next_holiday vaccines
international_visa plug_type exchange_rate measurement_conversion nutrition_info ingredients_list
ingredient_substitution meal_suggestion food_last how_busy directions current_location find_phone make_call text
smart_home change_volume meeting_schedule schedule_meeting insurance rollover_401k lost_luggage carry_on
last_maintenance schedule_maintenance sync_device whisper_mode change_accent change_speed""".split()
import re
SHOP_WORDS = re.compile(r"\b(return|refund|ship|deliver|order|buy|bought|purchas|price|cost|size|product|store|shop|"
                        r"discount|coupon|item|package|parcel|track|account|password|sell|sale|stock|warrant|gift|cart)", re.I)
rng = random.Random(20190101)
rows = []
by_intent = {}
for split in ("train", "val", "test"):
    for text, intent in d[split]:
        by_intent.setdefault(intent, []).append(text)
for intent, label in SMALL_TALK.items():
    texts = sorted(set(by_intent[intent]))
    n = 60 if label in ("greeting", "goodbye", "thanks") else 20
    rows += [(t, label, intent) for t in rng.sample(texts, n)]
for intent in UNRELATED:
    texts = sorted(set(by_intent[intent]))
    rows += [(t, "out_of_scope", intent) for t in rng.sample(texts, 15) if not SHOP_WORDS.search(t)]
for split in ("oos_train", "oos_val", "oos_test"):
    rows += [(t, "out_of_scope", "oos") for t, _ in d[split] if not SHOP_WORDS.search(t)]
with open("clinc150_subset.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f); w.writerow(["sentence", "label", "clinc_intent"]); w.writerows(rows)
print(len(rows), len(UNRELATED))
