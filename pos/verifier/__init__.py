"""The verifier station (核销台, SPEC §6): a verifier signs in with account and password, scans a
coupon code, a customer's dynamic QR or a pickup code (keyboard-wedge scanner or camera), sees
what it is and its conditions, and redeems it with one confirm; a manager reverses one from the
station's history with their PIN.

``app.build_verifier`` is the composition root; ``station`` holds the behaviour, ``views`` the
layout, ``camera`` the QtMultimedia capture and the zxing-cpp frame decoder, ``history_model`` the
table of this station's verifications.
"""
