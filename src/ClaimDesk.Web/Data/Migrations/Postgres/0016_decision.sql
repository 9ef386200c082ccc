-- 0016 decision: the claimant's status e-mail and text message carry {decision} (each item's decision and the reason
-- of a rejection, issue 11). Templates still as they were seeded take the new default text; templates an
-- administrator edited stay as they are (they may add {decision} on Notifications).
UPDATE notification_templates SET body = 'Dobrý den, {customer},

stav Vaší reklamace {number} je nyní: {customer_status}.

{decision}

Průběh reklamace můžete sledovat zde:
{tracking_link}

{organisation}'
WHERE event = 'claim.status_changed' AND channel = 'email' AND language = 'cs'
    AND body = 'Dobrý den, {customer},

stav Vaší reklamace {number} je nyní: {customer_status}.

Průběh reklamace můžete sledovat zde:
{tracking_link}

{organisation}';
UPDATE notification_templates SET body = 'Hello {customer},

the status of your complaint {number} is now: {customer_status}.

{decision}

Follow the complaint here:
{tracking_link}

{organisation}'
WHERE event = 'claim.status_changed' AND channel = 'email' AND language = 'en'
    AND body = 'Hello {customer},

the status of your complaint {number} is now: {customer_status}.

Follow the complaint here:
{tracking_link}

{organisation}';
UPDATE notification_templates SET body = 'Dzień dobry, {customer},

status Twojej reklamacji {number} to teraz: {customer_status}.

{decision}

Reklamację możesz śledzić tutaj:
{tracking_link}

{organisation}'
WHERE event = 'claim.status_changed' AND channel = 'email' AND language = 'pl'
    AND body = 'Dzień dobry, {customer},

status Twojej reklamacji {number} to teraz: {customer_status}.

Reklamację możesz śledzić tutaj:
{tracking_link}

{organisation}';
UPDATE notification_templates SET body = '{organisation}: reklamace {number} má nový stav: {customer_status}. {decision} {tracking_link}'
WHERE event = 'claim.status_changed' AND channel = 'sms' AND language = 'cs'
    AND body = '{organisation}: reklamace {number} má nový stav: {customer_status}. {tracking_link}';
UPDATE notification_templates SET body = '{organisation}: complaint {number} is now: {customer_status}. {decision} {tracking_link}'
WHERE event = 'claim.status_changed' AND channel = 'sms' AND language = 'en'
    AND body = '{organisation}: complaint {number} is now: {customer_status}. {tracking_link}';
UPDATE notification_templates SET body = '{organisation}: reklamacja {number} ma teraz status: {customer_status}. {decision} {tracking_link}'
WHERE event = 'claim.status_changed' AND channel = 'sms' AND language = 'pl'
    AND body = '{organisation}: reklamacja {number} ma teraz status: {customer_status}. {tracking_link}';
