"""The site's shape: its addresses, its routes and the view records templates see."""
