"""Walks every question of a questionnaire in the TUI running in tmux session t of socket
argv[3]: waits until the screen shows the question and each option whole (the screen's
lines joined, spaces collapsed), then answers it. The context answers make every question
apply; VIGIE_ANSWERS (JSON, question id -> option id) overrides any answer, others get
option 1. No line may end in « or start with », :, ;, ! or ? (French spacing). Used by
tui_wrap.sh and tui_scenario.sh; no fixed sleeps, only polling."""
import json
import os
import subprocess
import sys
import time

import yaml

path, lang, sock = sys.argv[1:4]
doc = yaml.safe_load(open(path, encoding="utf-8"))
# Context answers under which every question applies.
CONTEXT = {"ctx.population": "plus_30000", "ctx.serveur": "oui",
           "ctx.site_web": "heberge_mairie", "ctx.messagerie": "serveur_mairie",
           "ctx.infogerance": "complete", "ctx.teletravail": "oui"}
CONTEXT.update(json.loads(os.environ.get("VIGIE_ANSWERS", "{}")))


def tmux(*args):
    return subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", *args], check=True,
                          capture_output=True, text=True).stdout


def norm(s):
    return " ".join(s.split())


questions = list(doc.get("context", []))
for d in doc["domains"]:
    questions += d["questions"]
for q in questions:
    want = [norm(q["text"][lang])] + [norm(o["text"][lang]) for o in q["options"]]
    for _ in range(500):
        screen = tmux("capture-pane", "-p", "-t", "t")
        # Option rows start with the number column: keep the text after it.
        joined = norm(" ".join(l[7:] if l[:8].strip().lstrip("●*").strip().isdigit() else l
                               for l in screen.splitlines()))
        missing = [w for w in want if w not in joined]
        if not missing:
            break
        time.sleep(0.02)
    else:
        print(f"FAIL: {q['id']}: not whole on screen: {missing}\n--- screen:\n{screen}")
        sys.exit(1)
    # French typography: a line never ends in « nor starts with », :, ;, ! or ?.
    for l in screen.splitlines():
        text = l[7:] if l[:8].strip().lstrip("●*").strip().isdigit() else l
        text = text.strip(" │|")
        if text.endswith("«") or text[:1] in ("»", ":", ";", "!", "?"):
            print(f"FAIL: {q['id']}: a line broken at a French space: '{l}'\n--- screen:\n{screen}")
            sys.exit(1)
    pick = 1
    if q["id"] in CONTEXT:
        pick = 1 + [o["id"] for o in q["options"]].index(CONTEXT[q["id"]])
    tmux("send-keys", "-t", "t", str(pick))
print(f"{len(questions)} questions whole on screen")
