# This language in the table of languages (bot/render/i18n.py): how it is written, which Telegram
# clients it is chosen for, the names /lang accepts for it (comma-separated), its place in lists.

language-label = 🇺🇦 Українська
language-locale = uk_UA
language-client-codes = uk
language-names = uk, ua, укр, українська, ukrainian
language-position = 1
language-set = 🇺🇦 Готово: тепер я говорю в цьому чаті українською.
