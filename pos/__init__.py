"""The counter window (收银台).

- ``app``: the composition root (``run(args)`` for ``storedesk pos``, ``build_counter`` for tests)
- ``backend``: every service call the counter makes, run off the GUI thread by the runner
- ``session``: who is signed in, the open shift, the cart being rung up
- ``counter``: pages, status bar and customer display, wiring the screens together
- ``screens/``: controllers (behaviour): sign-in, sale, payment, returns, shift, printing, ...
- ``views/``: layout only; ``dialogs/``: small input dialogs; ``models/``: table models
"""
