"""Marketing campaigns: audiences from segments, grounded copy, safe sending, last-touch attribution and reports."""
