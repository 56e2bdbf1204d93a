# Category names as the General Staff words them, in the nominative for "name: total (+change)".
# Keys follow the API (bot/domain/categories.py); a key missing here is shown as the key itself.

category-personnel_units = Особовий склад
category-tanks = Танки
category-armoured_fighting_vehicles = Бойові броньовані машини
category-artillery_systems = Артилерійські системи
category-mlrs = РСЗВ
category-aa_warfare_systems = Засоби ППО
category-planes = Літаки
category-helicopters = Гелікоптери
category-uav_systems = БпЛА
category-cruise_missiles = Крилаті ракети
category-warships_cutters = Кораблі / катери
category-submarines = Підводні човни
category-vehicles_fuel_tanks = Автотехніка й цистерни
category-special_military_equip = Спеціальна техніка
category-atgm_srbm_systems = Установки ОТРК/ТРК
category-ground_robotic_systems = Наземні робокомплекси
