# Category names as the General Staff words them in English, for "name: total (+change)".
# Keys follow the API (bot/domain/categories.py); a key missing here is shown as the key itself.

category-personnel_units = Personnel
category-tanks = Tanks
category-armoured_fighting_vehicles = Armoured combat vehicles
category-artillery_systems = Artillery systems
category-mlrs = MLRS
category-aa_warfare_systems = Air defence systems
category-planes = Aircraft
category-helicopters = Helicopters
category-uav_systems = UAVs
category-cruise_missiles = Cruise missiles
category-warships_cutters = Warships / boats
category-submarines = Submarines
category-vehicles_fuel_tanks = Vehicles and fuel tanks
category-special_military_equip = Special equipment
category-atgm_srbm_systems = ATGM/SRBM launchers
category-ground_robotic_systems = Ground robotic systems
