"""The site's static files (CSS, JS, icon), shipped inside the package as imr_site.static."""
