# Повідомлення адміністраторам про відхилене зчитування (з нього нічого не збережено й не надіслано).
# $date, $earliest, $latest — готові дати; числа готові; $category — назва категорії.

refusal-notice =
    ⛔️ <b>Відхилено звіт за { $date } ({ $source })</b>: з нього нічого не збережено й не надіслано. Опитування триває.
    { $reasons }
refusal-notice-undated =
    ⛔️ <b>Відхилено допис ({ $source }), що не є цілим звітом</b>: з нього нічого не збережено й не надіслано; його текст збережено. Опитування триває.
    { $reasons }
refusal-more = { $count ->
        [one] … і ще { $count } причина
        [few] … і ще { $count } причини
       *[other] … і ще { $count } причин
    }
refusal-source-api = API даних
refusal-source-channel = офіційний допис

refusal-date = його дата не між { $earliest } і { $latest }
refusal-integer = { $category }: { $value } не може бути підсумком
refusal-rise = { $category }: зростання на { $difference } за { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[other] { $days } днів
    }, більше за правдоподібні { $bound }
refusal-fall = { $category }: спад на { $fall }, більше за виправлення (щонайбільше { $bound })
refusal-change = { $category }: опублікована зміна { $change } поза межами ±{ $bound }
refusal-first-value = { $category } з'являється вперше з { $total }, більше за правдоподібні { $bound }
refusal-duplicate = відповідь подає цю дату двічі, з різними цифрами
refusal-incomplete = перегляд, у якому бракує: { $categories } (у збереженому звіті вони є)

# Чому допис каналу Генштабу не є звітом або чому його числа не сходяться.
# $line і $written — як у дописі; $part — рядок, що до травня 2022 року йшов окремо.
refusal-post-no-figures = допис має заголовок про втрати, але не має чисел
refusal-post-header = у заголовку { $written }, але допис опубліковано { $date }
refusal-post-line = рядок, числа якого неможливо прочитати: { $line }
refusal-post-repeated = { $category } наведено двічі
refusal-post-part = бракує частини { $missing } з { $parts } розділеного допису
refusal-post-merged = { $category }: бракує рядка { $part ->
        [military_auto] автомобільної техніки
       *[other] цистерн з ПММ
    }
refusal-post-personnel = немає числа особового складу
refusal-post-missing = бракує категорії «{ $category }», хоча у звіті за { $date } вона була
refusal-post-change = { $category }: немає опублікованої зміни
refusal-post-recount = { $category }: { $total } — це не попередній підсумок плюс опублікована зміна ({ $expected }), і різниця більша за уточнення: загублена або хибна цифра
refusal-post-fell = { $category }: спад з { $previous } до { $total }, більший за уточнення
refusal-post-stale = усі підсумки повторюють звіт за { $date }
refusal-post-recounts = підсумки категорій { $categories } не випливають з опублікованих змін: це більше, ніж день уточнень
refusal-post-other = його неможливо прочитати як звіт

# Сповіщення про рекорд чи віху, виправлене після перегляду звіту, за яким воно більше не чинне.
withdrawn-record = ⚠️ <b>Виправлення</b>: звіт за { $date } переглянуто, і оголошений тут рекорд більше не чинний.
withdrawn-milestone = ⚠️ <b>Виправлення</b>: звіт за { $date } переглянуто, і оголошена тут віха більше не чинна.

# Рядок відповіді на /poll: звіти, які відхилено під час цього опитування ($dates — готові дати).
refusal-poll = відхилено (див. повідомлення): { $dates }
