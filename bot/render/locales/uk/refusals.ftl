# Повідомлення адміністраторам про відхилене зчитування (з нього нічого не збережено й не надіслано).
# $date, $earliest, $latest — готові дати; числа готові; $category — назва категорії.

refusal-notice =
    ⛔️ <b>Відхилено звіт за { $date } ({ $source })</b>: з нього нічого не збережено й не надіслано. Опитування триває.
    { $reasons }
refusal-more = { $count ->
        [one] … і ще { $count } причина
        [few] … і ще { $count } причини
       *[other] … і ще { $count } причин
    }
refusal-source-api = API даних

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

# Сповіщення про рекорд чи віху, виправлене після перегляду звіту, за яким воно більше не чинне.
withdrawn-record = ⚠️ <b>Виправлення</b>: звіт за { $date } переглянуто, і оголошений тут рекорд більше не чинний.
withdrawn-milestone = ⚠️ <b>Виправлення</b>: звіт за { $date } переглянуто, і оголошена тут віха більше не чинна.

# Рядок відповіді на /poll: звіти, які відхилено під час цього опитування ($dates — готові дати).
refusal-poll = відхилено (див. повідомлення): { $dates }
