# Category names as the General Staff words them in English, for "name: total (+change)", and
# under `.names` the other names people may type for them (comma-separated, any case; the name
# itself and the API key always work). Keys follow the API (bot/domain/categories.py); a key
# missing here is shown as the key itself. The API's `atgm_srbm_systems` is the General Staff's
# "пускові установки ОТРК/ТРК": launchers of short-range ballistic missiles, not anti-tank ones.

category-personnel_units = Personnel
    .names = personnel, people, troops
category-tanks = Tanks
    .names = tank
category-armoured_fighting_vehicles = Armoured combat vehicles
    .names = afv, apc, ifv, armoured vehicles, armored vehicles
category-artillery_systems = Artillery systems
    .names = artillery, arty, guns
category-mlrs = MLRS
    .names = rocket launchers, multiple rocket launchers
category-aa_warfare_systems = Air defence systems
    .names = air defence, air defense, air defense systems, aa
category-planes = Aircraft
    .names = planes, jets
category-helicopters = Helicopters
    .names = helicopter, helis
category-uav_systems = UAVs
    .names = uav, drones, drone
category-cruise_missiles = Cruise missiles
    .names = missiles, cruise missile
category-warships_cutters = Warships / boats
    .names = ships, warships, boats
category-submarines = Submarines
    .names = submarine, subs
category-vehicles_fuel_tanks = Vehicles and fuel tanks
    .names = vehicles, trucks, fuel tanks
category-special_military_equip = Special equipment
    .names = special
category-atgm_srbm_systems = SRBM launchers
    .names = srbm, missile launchers
category-ground_robotic_systems = Ground robotic systems
    .names = robots, ground robots, ugv
