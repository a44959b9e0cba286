"""What the staff dashboard and the Mini App read: the map's tickets and the KPIs over time."""
