"""The HTTP side of `shopbot serve`: JSON API, admin API, chat page and staff dashboard."""
