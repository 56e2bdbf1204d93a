# Назви категорій так, як їх пише Генштаб, у називному відмінку для «назва: загалом (+зміна)», а в
# `.names` — інші назви, якими їх можуть написати (через кому, регістр не важить; сама назва й
# ключ API діють завжди). Ключі — як в API (bot/domain/categories.py); категорію без назви тут
# показано її ключем. `atgm_srbm_systems` в API — це «пускові установки ОТРК/ТРК» Генштабу.

category-personnel_units = Особовий склад
    .names = особовий, люди, о/с
category-tanks = Танки
    .names = танк
category-armoured_fighting_vehicles = Бойові броньовані машини
    .names = ббм, броня, бронетехніка
category-artillery_systems = Артилерійські системи
    .names = артилерія, арта
category-mlrs = РСЗВ
    .names = реактивні системи залпового вогню
category-aa_warfare_systems = Засоби ППО
    .names = ппо, ppo, протиповітряна оборона
category-planes = Літаки
    .names = літак, авіація
category-helicopters = Гелікоптери
    .names = гелікоптер, вертольоти
category-uav_systems = БпЛА
    .names = бпла, дрони, безпілотники
category-cruise_missiles = Крилаті ракети
    .names = ракети
category-warships_cutters = Кораблі / катери
    .names = кораблі, катери, флот
category-submarines = Підводні човни
    .names = підводні, підводний човен
category-vehicles_fuel_tanks = Автотехніка й цистерни
    .names = автотехніка, авто, автомобілі, автоцистерни, автотехніка й автоцистерни
category-special_military_equip = Спеціальна техніка
    .names = спецтехніка
category-atgm_srbm_systems = Пускові установки ОТРК/ТРК
    .names = отрк, трк, пускові установки
category-ground_robotic_systems = Наземні робокомплекси
    .names = нрк, роботи, наземні роботи, наземні робототехнічні комплекси
