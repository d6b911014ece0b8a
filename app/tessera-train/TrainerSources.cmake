# The Qt-free part of the training tool (libtorch + nlohmann-json + the engine), shared by the
# Tessera build (CMakeLists.txt here) and the standalone build for a GPU machine without Qt
# (standalone/CMakeLists.txt).
set(TESSERA_TRAINER_CORE_SOURCES
    ${CMAKE_CURRENT_LIST_DIR}/BpeLearner.cpp
    ${CMAKE_CURRENT_LIST_DIR}/DatasetFile.cpp
    ${CMAKE_CURRENT_LIST_DIR}/TrainLoop.cpp
    ${CMAKE_CURRENT_LIST_DIR}/TrainRecipe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/Trainer.cpp)

function(tessera_add_trainer_core)
    add_library(tessera_trainer_core STATIC ${TESSERA_TRAINER_CORE_SOURCES})
    target_include_directories(tessera_trainer_core PUBLIC ${CMAKE_CURRENT_FUNCTION_LIST_DIR})
    # the engine's networks, parameter sources and safetensors writer: its internals target
    target_link_libraries(tessera_trainer_core PUBLIC Tessera::diffusion
        PRIVATE Tessera::diffusion_internals torch nlohmann_json::nlohmann_json)
    set_target_properties(tessera_trainer_core PROPERTIES POSITION_INDEPENDENT_CODE ON)
    add_executable(tessera-train-headless ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/headless_main.cpp)
    target_link_libraries(tessera-train-headless PRIVATE tessera_trainer_core)
endfunction()
