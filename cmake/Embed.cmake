# capmig_embed(OUT files...): generates OUT, a C++ file defining capmig::embedded_files(),
# a table of {relative path, contents} for every data file, regenerated when one changes.
function(capmig_embed out)
  # A ';' list would be split into separate COMMAND arguments: pass it '|'-separated.
  string(REPLACE ";" "|" files "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DROOT=${CMAKE_SOURCE_DIR} -DFILES=${files}
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${ARGN} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding data files"
    VERBATIM)
endfunction()
