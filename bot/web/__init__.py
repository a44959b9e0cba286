"""The web application: the staff dashboard, the Telegram Mini App and Open311, in one ASGI app."""
