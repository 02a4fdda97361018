"""The site's Jinja templates, shipped inside the package as imr_site.templates."""
