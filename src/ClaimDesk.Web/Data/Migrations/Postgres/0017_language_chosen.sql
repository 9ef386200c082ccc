-- 0017 language chosen: a user's language is theirs once they or an administrator chose it (issue 18); until then a
-- sign-in keeps the language of the page. Users whose language is not the old default were given one by someone.
ALTER TABLE users ADD COLUMN language_chosen_at timestamp with time zone NULL;
UPDATE users SET language_chosen_at = created_at WHERE language <> 'en';
