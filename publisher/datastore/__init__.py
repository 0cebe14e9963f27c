"""CKAN's DataStore: each published table made queryable, typed by its Table Schema, with the
data dictionary (field titles and descriptions) and a table preview; loaded only when its file
changed (`load`), checked by `verify` (`check`)."""
