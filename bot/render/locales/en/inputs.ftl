# Words people type for dates and periods, in this language (comma-separated, any case): the bot
# understands them in every chat, whatever its language. Month names come from Babel; category
# names from categories.ftl (each name, and its `.names`).

input-days-ago-0 = today
input-days-ago-1 = yesterday
input-days-ago-2 = day before yesterday
input-ago = ago
input-unit-day = d, day, days
input-unit-week = w, wk, week, weeks
input-unit-month = m, mo, month, months
input-unit-year = y, yr, year, years
input-whole-war = all, whole war, war
